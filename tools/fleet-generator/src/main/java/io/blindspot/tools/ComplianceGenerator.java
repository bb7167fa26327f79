package io.blindspot.tools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives a generated fleet its compliance, in bulk and in SQL: the baseline policies' results and
 * findings derived from each server's current coverage (so run it after the coverage service has
 * evaluated the fleet), a few waivers (some of them expired), and a daily history going back {@code
 * historyDays} days in which servers were a little less compliant the further back it goes. It
 * stands in for the fleet's policy worker, which computes the same tables server by server; the
 * distributions follow from the generated gaps rather than from fixed ratios.
 */
final class ComplianceGenerator {

  /** name, severity, rank: the baseline set the fleet service seeds. */
  private static final String[][] POLICIES = {
    {"package-db-covered", "critical", "0"},
    {"no-critical-uncovered", "high", "1"},
    {"etc-backed-up-daily", "high", "1"},
    {"mounts-covered", "medium", "2"},
    {"restore-ready", "medium", "2"}
  };

  private final Connection c;
  private final String prefix;

  ComplianceGenerator(Connection c, String prefix) {
    this.c = c;
    this.prefix = prefix;
  }

  void generate(int historyDays, long seed) throws SQLException {
    run("SELECT setseed(" + (seed % 1000) / 1000.0 + ")");
    for (String[] policy : POLICIES) {
      // The fleet seeds these with their real documents; a database it never ran on gets stubs.
      update(
          "INSERT INTO policies (name, severity, baseline, document) VALUES (?, ?, true,"
              + " '{\"selector\": {}, \"requirements\": []}'::jsonb) ON CONFLICT (name) DO NOTHING",
          policy[0],
          policy[1]);
    }
    String generated = "(SELECT server_id FROM servers WHERE hostname LIKE '" + prefix + "-%')";
    run("DELETE FROM findings WHERE server_id IN " + generated);
    run("DELETE FROM policy_results WHERE server_id IN " + generated);
    run("DELETE FROM compliance_daily WHERE server_id IN " + generated);
    c.commit();

    // One finding per asset that breaks a requirement, with the stored verdicts as evidence.
    String assetFinding =
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, asset_kind, asset_status, job, message, evidence, first_seen)
        SELECT a.server_id, '%s', '%s', a.path, '%s', %s, 'fail', a.kind, a.status,
               (SELECT v ->> 'job' FROM jsonb_array_elements(a.detail -> 'jobs') v
                 WHERE NOT (v ->> 'included')::boolean LIMIT 1),
               a.path || ' is ' || a.status || ': ' || (a.detail ->> 'provenance'),
               jsonb_build_object('jobs', a.detail -> 'jobs', 'gaps', a.detail -> 'gaps',
                                  'remediation', a.detail -> 'remediation'),
               now() - random() * interval '60 days'
          FROM asset_coverage a
         WHERE a.server_id IN %s AND %s
        """;
    run(
        assetFinding.formatted(
            "package-db-covered",
            "assets-covered",
            "critical",
            "0",
            generated,
            "a.kind IN ('package-db', 'world-set') AND a.status NOT IN ('covered', 'verified')"));
    run(
        assetFinding.formatted(
            "no-critical-uncovered",
            "no-uncovered",
            "high",
            "1",
            generated,
            "a.severity = 'critical' AND a.status IN ('uncovered', 'missing-from-snapshot')"));
    run(
        assetFinding.formatted(
            "etc-backed-up-daily",
            "fresh-backup",
            "high",
            "1",
            generated,
            "a.path = '/etc/' AND a.status IN ('stale', 'uncovered', 'missing-from-snapshot')"));
    run(
        assetFinding.formatted(
            "mounts-covered",
            "mounts-covered",
            "medium",
            "2",
            generated,
            "a.kind = 'mount' AND a.status NOT IN ('covered', 'verified')"));
    run(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, message, evidence, first_seen)
        SELECT sc.server_id, 'restore-ready', 'readiness', '', 'medium', 2, 'fail',
               'readiness is ' || sc.readiness || ', not READY',
               jsonb_build_object('readiness', sc.readiness), now() - random() * interval '30 days'
          FROM server_coverage sc WHERE sc.server_id IN %s AND sc.readiness <> 'READY'
        """
            .formatted(generated));

    // Results: fail where a finding is, not-applicable where the policy has nothing to look at,
    // pass otherwise.
    run(
        """
        INSERT INTO policy_results (server_id, policy_name, status, severity, evaluated_at)
        SELECT s.server_id, p.name,
               CASE WHEN EXISTS (SELECT 1 FROM findings f
                                  WHERE f.server_id = s.server_id AND f.policy_name = p.name)
                    THEN 'fail'
                    WHEN p.name = 'mounts-covered' AND NOT EXISTS (
                         SELECT 1 FROM asset_coverage a
                          WHERE a.server_id = s.server_id AND a.kind = 'mount')
                    THEN 'not-applicable'
                    ELSE 'pass' END,
               p.severity, now()
          FROM servers s JOIN server_coverage sc ON sc.server_id = s.server_id
         CROSS JOIN policies p
         WHERE s.server_id IN %s AND p.name IN ('package-db-covered', 'no-critical-uncovered',
               'etc-backed-up-daily', 'mounts-covered', 'restore-ready')
        """
            .formatted(generated));
    // About 4% of the failures waived; a third of those waivers have expired since.
    run(
        """
        UPDATE policy_results SET status = 'waived', waiver_id = 1000 + (random() * 500)::int,
               waived_until = now() + (CASE WHEN random() < 0.33 THEN -1 ELSE 1 END)
                                      * random() * interval '30 days'
         WHERE status = 'fail' AND server_id IN %s AND random() < 0.04
        """
            .formatted(generated));
    run(
        """
        UPDATE findings f SET status = 'waived', waiver_id = r.waiver_id,
               waived_until = r.waived_until
          FROM policy_results r
         WHERE r.server_id = f.server_id AND r.policy_name = f.policy_name
           AND r.status = 'waived' AND f.server_id IN %s
        """
            .formatted(generated));
    c.commit();

    // History: today is the current effective status; each day further back, a result that
    // passes now failed with a probability growing to 30% at the far end (the fleet improved).
    run(
        """
        INSERT INTO compliance_daily (server_id, policy_name, day, status)
        SELECT r.server_id, r.policy_name, current_date - d,
               CASE WHEN r.status = 'pass' AND random() < 0.3 * d / %d THEN 'fail'
                    WHEN r.status = 'waived' AND r.waived_until <= now() THEN 'fail'
                    ELSE r.status END
          FROM policy_results r CROSS JOIN generate_series(0, %d) AS d
         WHERE r.server_id IN %s
        ON CONFLICT (server_id, policy_name, day) DO UPDATE SET status = excluded.status
        """
            .formatted(Math.max(1, historyDays), historyDays, generated));
    // The totals the trend reads, as the fleet's history sweep counts them.
    run(
        "DELETE FROM compliance_daily_totals WHERE day >= current_date - %d"
            .formatted(historyDays));
    run(
        """
        INSERT INTO compliance_daily_totals (policy_name, day, status, labels, os_family, os_id,
                                             servers)
        SELECT d.policy_name, d.day, d.status, s.agent_labels || s.labels,
               coalesce(s.os_family, ''), coalesce(s.os_id, ''), count(*)
          FROM compliance_daily d JOIN servers s ON s.server_id = d.server_id
         WHERE d.day >= current_date - %d
         GROUP BY 1, 2, 3, 4, 5, 6
        """
            .formatted(historyDays));
    c.commit();
    run("ANALYZE findings");
    run("ANALYZE policy_results");
    run("ANALYZE compliance_daily");
    run("ANALYZE compliance_daily_totals");
    c.commit();
  }

  private void run(String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private void update(String sql, String... parameters) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
