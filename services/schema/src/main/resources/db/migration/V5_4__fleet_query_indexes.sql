-- Blindspot schema, part 5.4: indexes for the fleet-wide queries (GET /api/v1/findings,
-- /api/v1/fleet/*). Each keyset order of the findings listing walks one index; the summary's
-- counts are index-only scans.

-- findings sorted by policy, and by first seen (severity uses findings_order_idx of V5_1).
CREATE INDEX findings_policy_order_idx ON findings (policy_name, server_id, requirement, path);
CREATE INDEX findings_first_seen_idx
    ON findings (first_seen, server_id, policy_name, requirement, path);

-- The summary: results per policy and effective status, failing findings per severity, without
-- reading the rows (the effective status needs waived_until).
CREATE INDEX policy_results_summary_idx ON policy_results (policy_name, status) INCLUDE (waived_until);
CREATE INDEX findings_severity_idx ON findings (severity, status) INCLUDE (waived_until);
