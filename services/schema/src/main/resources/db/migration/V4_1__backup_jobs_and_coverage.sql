-- Blindspot schema, part 4: backup jobs, snapshot listings, the coverage work queue and results.

-- Immutable snapshots of a server's job descriptors, as uploaded (PUT /api/v1/agent/backups).
CREATE TABLE backup_job_snapshots (
    server_id   uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    snapshot_id bigint GENERATED ALWAYS AS IDENTITY,
    upload_id   bigint      NOT NULL,
    taken_at    timestamptz NOT NULL DEFAULT now(),
    jobs        jsonb       NOT NULL,                  -- array of canonical job descriptors
    PRIMARY KEY (server_id, snapshot_id)
);

-- The current jobs, one row each, replaced with every new job snapshot.
CREATE TABLE backup_jobs (
    server_id       uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    name            text        NOT NULL,
    tool            text        NOT NULL,
    descriptor      jsonb       NOT NULL,
    schedule        text,
    last_started_at timestamptz,
    last_finished_at timestamptz,
    last_status     text,
    last_snapshot   text,
    last_success_at timestamptz,                       -- newest known success, kept across uploads
    PRIMARY KEY (server_id, name)
);
CREATE INDEX backup_jobs_last_success_idx ON backup_jobs (last_success_at);

-- The newest snapshot listing of a job: its compressed body stays in uploads (kind 'listing');
-- here is what the coverage evaluation needs, never one row per file.
CREATE TABLE backup_listings (
    server_id     uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    job_name      text        NOT NULL,
    upload_id     bigint      NOT NULL,
    content_type  text        NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    entry_count   bigint      NOT NULL,
    snapshot      text,                                -- the tool's snapshot / archive / image name
    present_paths jsonb       NOT NULL DEFAULT '[]'::jsonb, -- paths of interest the listing holds
    checked_paths jsonb       NOT NULL DEFAULT '[]'::jsonb, -- the paths of interest it was checked for
    PRIMARY KEY (server_id, job_name)
);

-- Work queue: one row per server whose coverage must be recomputed. Producers upsert (so a burst of
-- uploads makes one job); workers take rows with FOR UPDATE SKIP LOCKED and delete a row only if it
-- was not enqueued again meanwhile.
CREATE TABLE coverage_queue (
    server_id   uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reason      text        NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    not_before  timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_error  text,
    PRIMARY KEY (server_id)
);
CREATE INDEX coverage_queue_due_idx ON coverage_queue (not_before);

-- Every evaluation whose outcome changed, with the whole report: the history.
CREATE TABLE coverage_reports (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    report_id    bigint GENERATED ALWAYS AS IDENTITY,
    evaluated_at timestamptz NOT NULL,
    readiness    text        NOT NULL,
    score        integer     NOT NULL,
    digest       bytea       NOT NULL,                 -- of the outcome, to skip identical reports
    report       jsonb       NOT NULL,
    PRIMARY KEY (server_id, report_id)
);

-- The current coverage of each asset, for fleet-wide queries.
CREATE TABLE asset_coverage (
    server_id   uuid    NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    path        text    NOT NULL,
    kind        text    NOT NULL,
    severity    text    NOT NULL,
    status      text    NOT NULL,
    detail      jsonb   NOT NULL,                      -- provenance, per-job verdicts, gaps, remediation
    PRIMARY KEY (server_id, path)
);
CREATE INDEX asset_coverage_status_idx ON asset_coverage (status, kind, severity);
CREATE INDEX asset_coverage_path_idx ON asset_coverage (path);

-- The current summary per server.
CREATE TABLE server_coverage (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    report_id    bigint      NOT NULL,
    evaluated_at timestamptz NOT NULL,
    readiness    text        NOT NULL,
    score        integer     NOT NULL,
    PRIMARY KEY (server_id)
);
CREATE INDEX server_coverage_readiness_idx ON server_coverage (readiness, score);

-- Service knowledge added by operators (the built-in entries ship with the code).
CREATE TABLE service_knowledge (
    id          text PRIMARY KEY,
    entry       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
