-- Blindspot schema, part 5.8: two costs of V5_7's triggers.
--
-- The coverage service rewrites every server's readiness at each evaluation, nearly always to the
-- value it had, and a statement-level trigger ran for each of those upserts to find a zero delta:
-- a full coverage recompute of a generated 10,000-server fleet (scripts/bench-recompute.sh,
-- vacuumed before each run) made 430 servers/s without the triggers, 267 with them. A row-level
-- trigger that fires only when the readiness changes costs nothing in the usual case (408).
--
-- And the two functions every trigger calls were SQL functions, which PostgreSQL (before 18)
-- parses and plans again at every call; in PL/pgSQL their statements are planned once per session.
CREATE OR REPLACE FUNCTION compliance_rollup_add(p_section smallint, p_server uuid[], p_name text[],
                                                 p_status text[], p_until timestamptz[],
                                                 p_n integer[])
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
        DO UPDATE SET total = r.total + excluded.total;
END $$;

CREATE OR REPLACE FUNCTION compliance_rollup_server(p_server uuid, p_labels jsonb,
                                                    p_os_family text, p_os_id text,
                                                    p_sign integer)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
        DO UPDATE SET total = r.total + excluded.total;
END $$;

DROP TRIGGER server_coverage_rollup_update ON server_coverage;

CREATE FUNCTION server_coverage_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_rollup_add(0::smallint, ARRAY[OLD.server_id, NEW.server_id],
                                  ARRAY[OLD.readiness, NEW.readiness], ARRAY['', ''],
                                  ARRAY[NULL, NULL]::timestamptz[], ARRAY[-1, 1]);
    RETURN NULL;
END $$;

CREATE TRIGGER server_coverage_rollup_update AFTER UPDATE OF readiness ON server_coverage
    FOR EACH ROW WHEN (OLD.readiness IS DISTINCT FROM NEW.readiness)
    EXECUTE FUNCTION server_coverage_rollup_change();
