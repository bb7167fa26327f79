-- Fleet listings page by hostname in byte order (COLLATE "C") whatever the database's locale, so
-- that page boundaries are the same on every installation and match clients sorting plain
-- strings. This index serves the ORDER BY, the keyset condition `hostname COLLATE "C" > :after`
-- and hostname-prefix filters (LIKE 'web-%' can use a C-collated btree).
CREATE INDEX servers_hostname_c_idx ON servers (hostname COLLATE "C");
