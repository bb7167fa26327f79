-- Blindspot schema, part 1: servers, tokens, uploads and the snapshots they produce.
--
-- Distribution rule (Citus-ready): every per-server table has server_id as the first column of its
-- primary key, so `SELECT create_distributed_table('<t>', 'server_id')` works for each of them.
-- Global tables (enrollment_tokens) would become reference tables.

CREATE TABLE enrollment_tokens (
    token_id     uuid PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,          -- SHA-256 of the token; the token itself is never stored
    description  text,
    labels       jsonb       NOT NULL DEFAULT '{}'::jsonb, -- attached to every server enrolled with it
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    used_count   integer     NOT NULL DEFAULT 0
);

CREATE TABLE servers (
    server_id        uuid PRIMARY KEY,
    hostname         text        NOT NULL,
    machine_id       text        NOT NULL,
    labels           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    agent_token_hash bytea       NOT NULL,             -- SHA-256 of the current agent token
    enrolled_at      timestamptz NOT NULL DEFAULT now(),
    token_issued_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz,
    -- denormalised from the current inventory, for fleet filters
    os_id            text,
    os_family        text,
    os_name          text,
    os_version_id    text,
    kernel           text,
    architecture     text
);
CREATE UNIQUE INDEX servers_machine_id_key ON servers (machine_id);
CREATE UNIQUE INDEX servers_hostname_key ON servers (hostname);
CREATE INDEX servers_labels_idx ON servers USING gin (labels);
CREATE INDEX servers_last_seen_idx ON servers (last_seen_at);

-- Every accepted upload's raw body, gzip-compressed, so it can be re-parsed when parsers improve.
-- Only the newest N per server and kind are kept (blindspot.uploads.keep-per-kind).
CREATE TABLE uploads (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    upload_id    bigint GENERATED ALWAYS AS IDENTITY,
    kind         text        NOT NULL,                 -- inventory | packages | backups | listing
    content_type text        NOT NULL,
    sha256       bytea       NOT NULL,                 -- of the decompressed body
    size_bytes   bigint      NOT NULL,                 -- decompressed
    body_gzip    bytea       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (server_id, upload_id)
);
CREATE INDEX uploads_kind_idx ON uploads (server_id, kind, upload_id DESC);

-- Immutable inventory snapshots.
CREATE TABLE inventory_snapshots (
    server_id   uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    snapshot_id bigint GENERATED ALWAYS AS IDENTITY,
    upload_id   bigint      NOT NULL,
    taken_at    timestamptz NOT NULL DEFAULT now(),
    inventory   jsonb       NOT NULL,                  -- canonical inventory JSON
    PRIMARY KEY (server_id, snapshot_id)
);

-- Immutable package snapshots: the canonical package set, and its diff against the previous one.
CREATE TABLE package_snapshots (
    server_id     uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    snapshot_id   bigint GENERATED ALWAYS AS IDENTITY,
    upload_id     bigint      NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now(),
    manager       text        NOT NULL,                -- portage | dpkg | rpm | apk | pacman
    format        text        NOT NULL,                -- the Content-Type it arrived in
    package_count integer     NOT NULL,
    package_set   jsonb       NOT NULL,                -- canonical PackageSet JSON
    diff          jsonb       NOT NULL,                -- added / removed / changed versus the previous snapshot
    PRIMARY KEY (server_id, snapshot_id)
);

-- The "current" pointer per server and kind of report, plus what makes re-uploads idempotent.
CREATE TABLE server_reports (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    snapshot_id  bigint      NOT NULL,
    sha256       bytea       NOT NULL,                 -- of the decompressed body that produced the snapshot
    updated_at   timestamptz NOT NULL DEFAULT now(),   -- when the current snapshot was accepted
    last_seen_at timestamptz NOT NULL DEFAULT now(),   -- last upload of this kind, changed or not
    PRIMARY KEY (server_id, kind)
);

-- The current snapshot's packages, one row each, for fleet-wide package queries.
-- Replaced whenever a new package snapshot becomes current.
CREATE TABLE installed_packages (
    server_id   uuid    NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    package_key text    NOT NULL,                      -- unique within a server: [category/]name[:slot][.arch]
    manager     text    NOT NULL,
    name        text    NOT NULL,
    category    text,
    version     text    NOT NULL,                      -- full version as the manager prints it (epoch:version-release)
    slot        text,
    arch        text,
    explicit    boolean,                               -- in world / apt-mark manual / pacman explicit
    PRIMARY KEY (server_id, package_key)
);
CREATE INDEX installed_packages_name_idx ON installed_packages (name);
