-- Blindspot schema, part 5.2: what the policy evaluation worker needs beyond V5_1.

-- A server whose evaluation failed (the database went away mid-way, a bug) is retried later with a
-- growing delay instead of at once, so one bad server cannot keep a worker spinning.
ALTER TABLE policy_queue
    ADD COLUMN attempts   integer     NOT NULL DEFAULT 0,
    ADD COLUMN not_before timestamptz NOT NULL DEFAULT clock_timestamp(),
    ADD COLUMN last_error text;
CREATE INDEX policy_queue_due_idx ON policy_queue (not_before);

-- The sweep that re-evaluates servers whose waiver expired reads only waived results.
CREATE INDEX policy_results_waived_until_idx ON policy_results (waived_until)
    WHERE status = 'waived';

-- Waivers of one server (and the cascade when a server is deleted).
CREATE INDEX waivers_server_idx ON waivers (server_id) WHERE server_id IS NOT NULL;
