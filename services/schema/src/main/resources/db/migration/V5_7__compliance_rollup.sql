-- Blindspot schema, part 5.7: the fleet summary's counts, kept current by triggers.
--
-- GET /api/v1/fleet/summary counts servers by readiness, policy results by policy and status, and
-- failing findings by severity, for any label scope and grouped by any label. Counted from the
-- source tables that is a pass over every result and finding of the fleet (about 20 ms for 10,000
-- servers, 70 ms grouped), on every request. Servers that share their effective labels and OS
-- form a cohort, and a fleet has far fewer cohorts than servers: the counts are kept here per
-- cohort, so a summary adds up a few rows per cohort instead.
--
-- Triggers on the four source tables apply each statement's change (its transition tables) in the
-- statement's own transaction, so the counts are never stale and never ahead of the data. Waived
-- rows keep their waiver's expiry in the key: a waiver that has expired counts as `fail` at read
-- time, exactly as in the source tables, without waiting for a job to rewrite it.
--
-- Not per server, so not distributed by server_id: under Citus this table stays on the
-- coordinator, rebuilt by compliance_rollup_rebuild() instead of by triggers on the shards.
CREATE TABLE compliance_rollup (
    labels       jsonb       NOT NULL,                 -- effective labels: agent_labels || labels
    os_family    text        NOT NULL,                 -- '' when unknown
    os_id        text        NOT NULL,                 -- '' when unknown
    section      smallint    NOT NULL CHECK (section BETWEEN 0 AND 2),
                                                       -- 0 servers by readiness, 1 policy results,
                                                       -- 2 findings by severity
    name         text        NOT NULL,                 -- readiness, policy name or severity
    status       text        NOT NULL,                 -- '' for readiness, else the stored status
    waived_until timestamptz NOT NULL,                 -- 'infinity' unless waived
    total        bigint      NOT NULL,
    PRIMARY KEY (labels, os_family, os_id, section, name, status, waived_until)
);

-- Adds n to the count of each (server, name, status, waived_until) under the server's cohort.
-- Keys are summed first (one upsert per key) and applied in key order, so that two transactions
-- lock shared rows in the same order.
CREATE FUNCTION compliance_rollup_add(p_section smallint, p_server uuid[], p_name text[],
                                      p_status text[], p_until timestamptz[], p_n integer[])
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO compliance_rollup AS r (labels, os_family, os_id, section, name, status,
                                        waived_until, total)
    SELECT s.agent_labels || s.labels, coalesce(s.os_family, ''), coalesce(s.os_id, ''),
           p_section, d.name, d.status, coalesce(d.until, 'infinity'), sum(d.n)
      FROM unnest(p_server, p_name, p_status, p_until, p_n) AS d (server_id, name, status, until, n)
      JOIN servers s ON s.server_id = d.server_id
     GROUP BY 1, 2, 3, 5, 6, 7
    HAVING sum(d.n) <> 0
     ORDER BY 1, 2, 3, 5, 6, 7
        ON CONFLICT (labels, os_family, os_id, section, name, status, waived_until)
        DO UPDATE SET total = r.total + excluded.total
$$;

-- Adds p_sign times everything one server contributes, under the cohort given: how a server
-- leaves its cohort (deleted, or its labels or OS changed) and joins another.
CREATE FUNCTION compliance_rollup_server(p_server uuid, p_labels jsonb, p_os_family text,
                                         p_os_id text, p_sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO compliance_rollup AS r (labels, os_family, os_id, section, name, status,
                                        waived_until, total)
    SELECT p_labels, coalesce(p_os_family, ''), coalesce(p_os_id, ''), d.section, d.name, d.status,
           d.until, p_sign * d.n
      FROM (SELECT 0::smallint, coalesce((SELECT readiness FROM server_coverage
                                            WHERE server_id = p_server), 'UNEVALUATED'),
                   '', 'infinity'::timestamptz, 1::bigint
            UNION ALL
            SELECT 1::smallint, policy_name, status, coalesce(waived_until, 'infinity'), count(*)
              FROM policy_results WHERE server_id = p_server GROUP BY 2, 3, 4
            UNION ALL
            SELECT 2::smallint, severity, status, coalesce(waived_until, 'infinity'), count(*)
              FROM findings WHERE server_id = p_server GROUP BY 2, 3, 4
           ) AS d (section, name, status, until, n)
     ORDER BY 4, 5, 6, 7
        ON CONFLICT (labels, os_family, os_id, section, name, status, waived_until)
        DO UPDATE SET total = r.total + excluded.total
$$;

-- Recomputes every count from the source tables: the backfill below, after a TRUNCATE, and the
-- way to maintain the table where triggers cannot (see above).
CREATE FUNCTION compliance_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM compliance_rollup;
    INSERT INTO compliance_rollup (labels, os_family, os_id, section, name, status, waived_until,
                                   total)
    SELECT s.agent_labels || s.labels, coalesce(s.os_family, ''), coalesce(s.os_id, ''),
           d.section, d.name, d.status, d.until, count(*)
      FROM (SELECT c0.server_id, 0::smallint, coalesce(c.readiness, 'UNEVALUATED'), '',
                   'infinity'::timestamptz
              FROM servers c0 LEFT JOIN server_coverage c ON c.server_id = c0.server_id
            UNION ALL
            SELECT server_id, 1::smallint, policy_name, status, coalesce(waived_until, 'infinity')
              FROM policy_results
            UNION ALL
            SELECT server_id, 2::smallint, severity, status, coalesce(waived_until, 'infinity')
              FROM findings
           ) AS d (server_id, section, name, status, until)
      JOIN servers s ON s.server_id = d.server_id
     GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;

CREATE FUNCTION compliance_rollup_rebuild_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_rollup_rebuild();
    RETURN NULL;
END $$;

-- Policy results (section 1) and findings (section 2): one function per table, one trigger per
-- event (a trigger with transition tables handles one event). Only the branch of the event runs,
-- so each branch names only the transition tables its trigger has.
CREATE FUNCTION policy_results_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_rollup_add(1::smallint, array_agg(server_id), array_agg(policy_name),
                                      array_agg(status), array_agg(waived_until), array_agg(1))
           FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM compliance_rollup_add(1::smallint, array_agg(server_id), array_agg(policy_name),
                                      array_agg(status), array_agg(waived_until), array_agg(-1))
           FROM old_rows;
    ELSE
        PERFORM compliance_rollup_add(1::smallint, array_agg(server_id), array_agg(policy_name),
                                      array_agg(status), array_agg(waived_until), array_agg(n))
           FROM (SELECT server_id, policy_name, status, waived_until, -1 AS n FROM old_rows
                 UNION ALL
                 SELECT server_id, policy_name, status, waived_until, 1 FROM new_rows) AS d;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER policy_results_rollup_insert AFTER INSERT ON policy_results
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_results_rollup();
CREATE TRIGGER policy_results_rollup_update AFTER UPDATE ON policy_results
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION policy_results_rollup();
CREATE TRIGGER policy_results_rollup_delete AFTER DELETE ON policy_results
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_results_rollup();
CREATE TRIGGER policy_results_rollup_truncate AFTER TRUNCATE ON policy_results
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_rebuild_trigger();

CREATE FUNCTION findings_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_rollup_add(2::smallint, array_agg(server_id), array_agg(severity),
                                      array_agg(status), array_agg(waived_until), array_agg(1))
           FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM compliance_rollup_add(2::smallint, array_agg(server_id), array_agg(severity),
                                      array_agg(status), array_agg(waived_until), array_agg(-1))
           FROM old_rows;
    ELSE
        PERFORM compliance_rollup_add(2::smallint, array_agg(server_id), array_agg(severity),
                                      array_agg(status), array_agg(waived_until), array_agg(n))
           FROM (SELECT server_id, severity, status, waived_until, -1 AS n FROM old_rows
                 UNION ALL
                 SELECT server_id, severity, status, waived_until, 1 FROM new_rows) AS d;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER findings_rollup_insert AFTER INSERT ON findings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION findings_rollup();
CREATE TRIGGER findings_rollup_update AFTER UPDATE ON findings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION findings_rollup();
CREATE TRIGGER findings_rollup_delete AFTER DELETE ON findings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION findings_rollup();
CREATE TRIGGER findings_rollup_truncate AFTER TRUNCATE ON findings
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_rebuild_trigger();

-- Readiness (section 0): a server without a coverage row counts as UNEVALUATED, so a coverage row
-- coming or going moves the server between that and its readiness.
CREATE FUNCTION server_coverage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_rollup_add(0::smallint, array_agg(server_id), array_agg(name),
                                      array_agg(''::text), array_agg(NULL::timestamptz),
                                      array_agg(n))
           FROM (SELECT server_id, 'UNEVALUATED' AS name, -1 AS n FROM new_rows
                 UNION ALL
                 SELECT server_id, readiness, 1 FROM new_rows) AS d;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM compliance_rollup_add(0::smallint, array_agg(server_id), array_agg(name),
                                      array_agg(''::text), array_agg(NULL::timestamptz),
                                      array_agg(n))
           FROM (SELECT server_id, readiness AS name, -1 AS n FROM old_rows
                 UNION ALL
                 SELECT server_id, 'UNEVALUATED', 1 FROM old_rows) AS d;
    ELSE
        PERFORM compliance_rollup_add(0::smallint, array_agg(server_id), array_agg(name),
                                      array_agg(''::text), array_agg(NULL::timestamptz),
                                      array_agg(n))
           FROM (SELECT server_id, readiness AS name, -1 AS n FROM old_rows
                 UNION ALL
                 SELECT server_id, readiness, 1 FROM new_rows) AS d;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER server_coverage_rollup_insert AFTER INSERT ON server_coverage
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION server_coverage_rollup();
CREATE TRIGGER server_coverage_rollup_update AFTER UPDATE ON server_coverage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION server_coverage_rollup();
CREATE TRIGGER server_coverage_rollup_delete AFTER DELETE ON server_coverage
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION server_coverage_rollup();
CREATE TRIGGER server_coverage_rollup_truncate AFTER TRUNCATE ON server_coverage
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_rebuild_trigger();

-- Servers: a new one is UNEVALUATED; one that is deleted takes everything it counted with it,
-- before the cascade removes its rows (whose own triggers then find no server and add nothing);
-- one whose labels or OS change moves everything it counts to its new cohort.
CREATE FUNCTION servers_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_rollup_add(0::smallint, array_agg(server_id),
                                  array_agg('UNEVALUATED'::text), array_agg(''::text),
                                  array_agg(NULL::timestamptz), array_agg(1))
       FROM new_rows;
    RETURN NULL;
END $$;

CREATE FUNCTION servers_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_rollup_server(OLD.server_id, OLD.agent_labels || OLD.labels, OLD.os_family,
                                     OLD.os_id, -1);
    IF TG_OP = 'UPDATE' THEN
        PERFORM compliance_rollup_server(NEW.server_id, NEW.agent_labels || NEW.labels,
                                         NEW.os_family, NEW.os_id, 1);
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER servers_rollup_insert AFTER INSERT ON servers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION servers_rollup_insert();
CREATE TRIGGER servers_rollup_delete BEFORE DELETE ON servers
    FOR EACH ROW EXECUTE FUNCTION servers_rollup_change();
CREATE TRIGGER servers_rollup_update AFTER UPDATE OF labels, agent_labels, os_family, os_id ON servers
    FOR EACH ROW
    WHEN (OLD.agent_labels || OLD.labels IS DISTINCT FROM NEW.agent_labels || NEW.labels
          OR OLD.os_family IS DISTINCT FROM NEW.os_family
          OR OLD.os_id IS DISTINCT FROM NEW.os_id)
    EXECUTE FUNCTION servers_rollup_change();
CREATE TRIGGER servers_rollup_truncate AFTER TRUNCATE ON servers
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_rebuild_trigger();

SELECT compliance_rollup_rebuild();
