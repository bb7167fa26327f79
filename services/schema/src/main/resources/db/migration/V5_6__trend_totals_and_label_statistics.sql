-- Blindspot schema, part 5.6 (fleet queries, continued).

-- The trend's counts per day, written by the fleet's history sweep from compliance_daily (past
-- days do not change; today and yesterday are recounted at every sweep). One row per policy, day, status and kind of server (its effective labels and OS that
-- day), so GET /api/v1/fleet/trend can be narrowed by label or OS, and grouped by any label, from a
-- few thousand rows instead of millions.
CREATE TABLE compliance_daily_totals (
    policy_name text    NOT NULL,
    day         date    NOT NULL,
    status      text    NOT NULL,
    labels      jsonb   NOT NULL,
    os_family   text    NOT NULL DEFAULT '',
    os_id       text    NOT NULL DEFAULT '',
    servers     integer NOT NULL,
    PRIMARY KEY (policy_name, day, status, labels, os_family, os_id)
);
CREATE INDEX compliance_daily_totals_day_idx ON compliance_daily_totals (day);
-- A month of one policy is an index-only range scan (2 ms rather than 10 over scattered pages).
CREATE INDEX compliance_daily_totals_trend_idx
    ON compliance_daily_totals (policy_name, day) INCLUDE (status, servers, labels);

-- Fleet queries filter on the effective labels, an expression the planner has no statistics for:
-- it guessed 1% of servers for env:prod where 60% match, and chose to read every finding of those
-- servers instead of walking the findings in order. With statistics on the expression (its most
-- common values: a fleet has few distinct label sets) the estimate is right, from the next
-- (auto-)analyze on. Not analyzed here: on a new, empty database that would make the planner trust
-- "servers is empty" and plan foreign-key checks as sequential scans for sessions that go on
-- inserting (the fleet generator slowed down tenfold).
CREATE STATISTICS servers_effective_labels ON ((agent_labels || labels)) FROM servers;

-- status=waived on GET /api/v1/findings: the few waived findings, in the default order.
CREATE INDEX findings_waived_idx ON findings (severity_rank, policy_name, server_id, requirement, path)
    WHERE status = 'waived';

-- GET /api/v1/fleet/packages: a service's data assets, by the knowledge-base entry the world
-- derivation names in their provenance ("MySQL / MariaDB data: package mariadb-server is installed").
CREATE INDEX asset_coverage_service_idx
    ON asset_coverage ((split_part(detail ->> 'provenance', ' data: ', 1)), status, server_id)
    WHERE kind = 'service-data';
