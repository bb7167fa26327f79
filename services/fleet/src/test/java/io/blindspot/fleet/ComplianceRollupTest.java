package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.fleet.compliance.application.ComplianceHistory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The fleet summary reads counts that triggers keep (V5_7): after every kind of write the source
 * tables see (coverage, results and findings written, rewritten and deleted, waivers expiring,
 * labels and OS changing, servers deleted), the kept counts must equal a recount from the source
 * tables, and the API's summary must equal the summary counted directly.
 */
@QuarkusTest
class ComplianceRollupTest {

  @Inject DataSource dataSource;
  @Inject ComplianceHistory history;

  @Test
  void keptCountsFollowEveryWriteAndTheSummaryEqualsARecount() throws SQLException {
    FleetFixture db = new FleetFixture(dataSource);
    ComplianceFixture c = new ComplianceFixture(db);
    c.policy("ru-db", "critical");
    c.policy("ru-fresh", "high");
    Instant future = Instant.now().plus(Duration.ofDays(3));
    UUID a =
        db.server("ru-a")
            .labels(Map.of("batch", "rollup", "env", "prod"))
            .os("debian", "debian", "Debian", "12")
            .insert();
    UUID b =
        db.server("ru-b")
            .labels(Map.of("batch", "rollup", "env", "prod"))
            .os("debian", "debian", "Debian", "12")
            .insert();
    UUID g =
        db.server("ru-g")
            .labels(Map.of("batch", "rollup", "env", "dev"))
            .os("gentoo", "gentoo", "Gentoo", "2.17")
            .insert();
    UUID n = db.server("ru-n").labels(Map.of("batch", "rollup")).insert();
    assertKeptEqualsRecount();

    c.readiness(a, "READY");
    c.readiness(b, "AT_RISK");
    c.readiness(g, "NOT_RESTORABLE");
    c.result(a, "ru-db", "pass", null);
    c.result(b, "ru-db", "fail", null);
    c.result(g, "ru-db", "waived", future);
    c.result(a, "ru-fresh", "fail", null);
    c.result(g, "ru-fresh", "not-applicable", null);
    c.finding(
        b,
        "ru-db",
        "assets-covered",
        "/var/lib/dpkg/",
        "fail",
        null,
        "package-db",
        "m",
        Instant.now());
    c.finding(
        g,
        "ru-db",
        "assets-covered",
        "/var/db/pkg/",
        "waived",
        future,
        "package-db",
        "m",
        Instant.now());
    c.finding(a, "ru-fresh", "fresh-backup", "", "fail", null, null, "stale", Instant.now());
    assertKeptEqualsRecount();
    assertSummaryEqualsDirectCount();

    // The coverage service's upsert, and a rewrite the way the policy worker makes it.
    c.readiness(b, "READY");
    c.readiness(a, "READY"); // unchanged: nothing to count
    db.update("DELETE FROM findings WHERE server_id = ?", b);
    db.update("DELETE FROM policy_results WHERE server_id = ?", b);
    c.result(b, "ru-db", "pass", null);
    // A waiver ends: nothing is rewritten, yet the waived rows count as fail from now on.
    db.update(
        "UPDATE policy_results SET waived_until = now() - interval '1 minute' WHERE server_id = ?",
        g);
    db.update(
        "UPDATE findings SET waived_until = now() - interval '1 minute' WHERE server_id = ?", g);
    assertKeptEqualsRecount();
    JsonPath summary = assertSummaryEqualsDirectCount();
    assertThat(summary.getLong("total.policies.ru-db.fail")).isEqualTo(1);
    assertThat(summary.getLong("total.policies.ru-db.waived")).isZero();
    assertThat(summary.getLong("total.failingFindings.critical")).isEqualTo(1);

    // Labels (the operator's and the agent's) and the OS move a server to another cohort.
    db.update(
        "UPDATE servers SET labels = labels || '{\"env\": \"dev\"}'::jsonb WHERE server_id = ?", a);
    db.update(
        "UPDATE servers SET agent_labels = '{\"env\": \"prod\"}'::jsonb WHERE server_id = ?", n);
    db.update("UPDATE servers SET os_family = 'rhel', os_id = 'rocky' WHERE server_id = ?", b);
    db.update("UPDATE servers SET last_seen_at = now() WHERE server_id = ?", g); // no move
    assertKeptEqualsRecount();
    summary = assertSummaryEqualsDirectCount();
    assertThat(summary.getLong("total.servers")).isEqualTo(4);

    // Coverage gone: the server is unevaluated again. Server gone: everything it counted goes.
    db.update("DELETE FROM server_coverage WHERE server_id = ?", a);
    db.update("DELETE FROM servers WHERE server_id = ?", g);
    assertKeptEqualsRecount();
    summary = assertSummaryEqualsDirectCount();
    assertThat(summary.getLong("total.servers")).isEqualTo(3);
    assertThat(summary.getLong("total.readiness.UNEVALUATED")).isEqualTo(2);
    assertThat(summary.getLong("total.failingFindings.critical")).isZero();

    // The daily sweep drops the counts that fell to zero (ru-g's cohort, the expired waivers).
    assertThat(db.count("SELECT count(*) FROM compliance_rollup WHERE total = 0")).isPositive();
    history.sweep(LocalDate.now(ZoneOffset.UTC));
    assertThat(db.count("SELECT count(*) FROM compliance_rollup WHERE total = 0")).isZero();
    assertKeptEqualsRecount();
    assertSummaryEqualsDirectCount();
  }

  /** The rows the triggers kept equal those a full recount writes (which is rolled back). */
  private void assertKeptEqualsRecount() throws SQLException {
    String rows =
        "SELECT labels::text, os_family, os_id, section, name, status, waived_until, total"
            + " FROM compliance_rollup WHERE total <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7";
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        List<String> kept = strings(statement, rows);
        statement.execute("SELECT compliance_rollup_rebuild()");
        List<String> recounted = strings(statement, rows);
        assertThat(kept).isNotEmpty().isEqualTo(recounted);
      } finally {
        connection.rollback();
      }
    }
  }

  /**
   * The summary of the batch, grouped by env, as the API gives it and as counted from the source
   * tables (servers, their coverage, results and findings, with the effective statuses).
   */
  private JsonPath assertSummaryEqualsDirectCount() throws SQLException {
    JsonPath summary =
        operator()
            .queryParam("label", "batch:rollup")
            .queryParam("groupBy", "env")
            .get("/api/v1/fleet/summary")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Long> api = new TreeMap<>();
    for (Map<String, Object> group : summary.<Map<String, Object>>getList("groups")) {
      flatten(api, "groups." + group.get("value"), group.get("counts"));
    }
    flatten(api, "total", summary.get("total"));
    api.values().removeIf(count -> count == 0);

    Map<String, Long> direct = new TreeMap<>();
    String scope =
        "FROM servers s WHERE (s.agent_labels || s.labels) @> '{\"batch\": \"rollup\"}'::jsonb";
    String env = "coalesce((s.agent_labels || s.labels) ->> 'env', '(none)')";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      count(
          direct,
          statement,
          "SELECT "
              + env
              + ", 'readiness.' || coalesce(c.readiness, 'UNEVALUATED'), count(*) "
              + scope.replace(
                  "FROM servers s",
                  "FROM servers s LEFT JOIN server_coverage c ON c.server_id = s.server_id")
              + " GROUP BY 1, 2");
      count(
          direct,
          statement,
          "SELECT "
              + env
              + ", 'policies.' || r.policy_name || '.' || CASE WHEN r.status = 'waived'"
              + " AND r.waived_until <= now() THEN 'fail' ELSE r.status END, count(*) "
              + scope.replace(
                  "FROM servers s", "FROM servers s JOIN policy_results r USING (server_id)")
              + " GROUP BY 1, 2");
      count(
          direct,
          statement,
          "SELECT "
              + env
              + ", 'failingFindings.' || f.severity, count(*) "
              + scope.replace("FROM servers s", "FROM servers s JOIN findings f USING (server_id)")
              + " AND (f.status = 'fail' OR f.waived_until <= now()) GROUP BY 1, 2");
    }
    assertThat(api).isEqualTo(direct);
    return summary;
  }

  private static void count(Map<String, Long> counts, Statement statement, String sql)
      throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        long n = row.getLong(3);
        counts.merge("groups." + row.getString(1) + "." + row.getString(2), n, Long::sum);
        counts.merge("total." + row.getString(2), n, Long::sum);
        if (row.getString(2).startsWith("readiness.")) {
          counts.merge("groups." + row.getString(1) + ".servers", n, Long::sum);
          counts.merge("total.servers", n, Long::sum);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(Map<String, Long> into, String prefix, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, inner) -> flatten(into, prefix + "." + key, inner));
    } else if (value instanceof Number number) {
      into.put(prefix, number.longValue());
    }
  }

  private static List<String> strings(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet row = statement.executeQuery(sql)) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(row.getString(i)).append('|');
        }
        rows.add(line.toString());
      }
    }
    return rows;
  }
}
