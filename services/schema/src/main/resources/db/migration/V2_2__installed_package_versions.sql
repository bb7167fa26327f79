-- rpm installs some packages in several versions side by side under one key (install-only
-- packages such as kernel-core: the running kernel and its fallbacks), so a package key is not
-- unique within a server; key and version together are. server_id stays first (Citus-ready).
ALTER TABLE installed_packages DROP CONSTRAINT installed_packages_pkey;
ALTER TABLE installed_packages ADD PRIMARY KEY (server_id, package_key, version);
