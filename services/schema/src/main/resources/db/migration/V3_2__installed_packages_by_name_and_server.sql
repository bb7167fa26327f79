-- The fleet-wide package query ("which servers have openssl?") pages by hostname: PostgreSQL may
-- answer it by walking servers in hostname order and probing each one for the package. With
-- (name, server_id) that probe is one index lookup, whatever the number of packages per server;
-- with (name) alone it was a scan of the server's whole package list. The new index serves every
-- query the old one did, so the old one goes.
CREATE INDEX installed_packages_name_server_idx ON installed_packages (name, server_id);
DROP INDEX installed_packages_name_idx;
