-- Blindspot schema, part 5: operator tokens, policies, waivers, their audit trail, and each
-- server's compliance (results per policy, failing requirements as findings, daily history).

-- Operator bearer tokens besides the bootstrap admin token: shown once, stored as SHA-256.
CREATE TABLE operator_tokens (
    token_id     uuid PRIMARY KEY,
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'viewer')),
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text        NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Declarative policies. The document holds the selector and the requirements (core's policy
-- model); name is the stable identifier operators use in URLs and waivers.
CREATE TABLE policies (
    name        text PRIMARY KEY,
    description text        NOT NULL DEFAULT '',
    severity    text        NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    enabled     boolean     NOT NULL DEFAULT true,
    baseline    boolean     NOT NULL DEFAULT false,  -- shipped with Blindspot
    document    jsonb       NOT NULL,                 -- {"selector": {...}, "requirements": [...]}
    revision    integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Exceptions: a policy waived for one server or for every server a selector picks, until expiry.
CREATE TABLE waivers (
    waiver_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_name text        NOT NULL REFERENCES policies (name) ON DELETE CASCADE,
    server_id   uuid        REFERENCES servers (server_id) ON DELETE CASCADE,
    selector    jsonb,
    reason      text        NOT NULL,
    author      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CHECK ((server_id IS NULL) <> (selector IS NULL))
);
CREATE INDEX waivers_policy_idx ON waivers (policy_name, expires_at);

-- Every change of a policy or a waiver, never updated or deleted by the application.
CREATE TABLE audit_trail (
    audit_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor     text        NOT NULL,                  -- "admin" or the operator token's name
    entity    text        NOT NULL CHECK (entity IN ('policy', 'waiver', 'token')),
    entity_id text        NOT NULL,
    action    text        NOT NULL,                  -- create, update, delete, revoke, ...
    before    jsonb,
    after     jsonb
);
CREATE INDEX audit_trail_entity_idx ON audit_trail (entity, entity_id, audit_id);

-- Servers whose policy results must be recomputed: coverage enqueues after each evaluation, the
-- fleet service after a policy or waiver change. Drained with FOR UPDATE SKIP LOCKED.
CREATE TABLE policy_queue (
    server_id   uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reason      text        NOT NULL,
    PRIMARY KEY (server_id)
);

-- Each server's current result per policy. A waived result keeps the waiver's expiry, so readers
-- treat it as failing from that instant on, before the next evaluation catches up.
CREATE TABLE policy_results (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    policy_name  text        NOT NULL REFERENCES policies (name) ON DELETE CASCADE,
    status       text        NOT NULL CHECK (status IN ('pass', 'fail', 'waived', 'not-applicable')),
    severity     text        NOT NULL,
    waiver_id    bigint,
    waived_until timestamptz,
    evaluated_at timestamptz NOT NULL,
    evidence     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    PRIMARY KEY (server_id, policy_name)
);
CREATE INDEX policy_results_policy_idx ON policy_results (policy_name, status);

-- One row per failing (or waived) requirement and asset: what GET /api/v1/findings lists.
-- path is '' when the requirement is not about one path (staleness of a job, readiness).
CREATE TABLE findings (
    server_id    uuid        NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    policy_name  text        NOT NULL REFERENCES policies (name) ON DELETE CASCADE,
    requirement  text        NOT NULL,               -- the requirement's id within the policy
    path         text        NOT NULL DEFAULT '',
    severity     text        NOT NULL,
    severity_rank smallint   NOT NULL,               -- 0 critical .. 3 low, for sorting
    status       text        NOT NULL CHECK (status IN ('fail', 'waived')),
    waiver_id    bigint,
    waived_until timestamptz,
    asset_kind   text,
    asset_status text,
    job          text,
    message      text        NOT NULL,
    evidence     jsonb       NOT NULL DEFAULT '{}'::jsonb, -- the rule, the gap, the fix
    first_seen   timestamptz NOT NULL,
    PRIMARY KEY (server_id, policy_name, requirement, path)
);
CREATE INDEX findings_order_idx ON findings (severity_rank, policy_name, server_id, requirement, path);
CREATE INDEX findings_policy_idx ON findings (policy_name, severity_rank);
CREATE INDEX findings_kind_idx ON findings (asset_kind);
CREATE INDEX findings_path_idx ON findings (path text_pattern_ops);

-- Daily compliance per server and policy, for trends; kept blindspot.history.retention (400 days).
CREATE TABLE compliance_daily (
    server_id   uuid NOT NULL REFERENCES servers (server_id) ON DELETE CASCADE,
    policy_name text NOT NULL,
    day         date NOT NULL,
    status      text NOT NULL,
    PRIMARY KEY (server_id, policy_name, day)
);
CREATE INDEX compliance_daily_policy_day_idx ON compliance_daily (policy_name, day);
