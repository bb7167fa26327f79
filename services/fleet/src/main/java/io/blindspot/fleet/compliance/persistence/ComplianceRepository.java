package io.blindspot.fleet.compliance.persistence;

import io.blindspot.fleet.compliance.application.ComplianceStore;
import io.blindspot.fleet.compliance.application.FleetScope;
import io.blindspot.fleet.compliance.application.PackageData;
import io.blindspot.fleet.compliance.application.PathCoverage;
import io.blindspot.fleet.compliance.application.StaleJob;
import io.blindspot.fleet.compliance.application.SummaryCount;
import io.blindspot.fleet.compliance.application.TrendCount;
import io.blindspot.fleet.sql.ServerScope;
import io.blindspot.fleet.sql.Sql;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Plain JDBC for the fleet-wide queries: each is one statement, listings seek by hostname along the
 * servers' byte-order index (V3_1), and exports read through a server-side cursor.
 */
@ApplicationScoped
public class ComplianceRepository implements ComplianceStore {

  /** The effective status of a policy result (alias r): an expired waiver counts as fail. */
  private static final String RESULT_STATUS =
      "CASE WHEN r.status = 'waived' AND r.waived_until <= now() THEN 'fail' ELSE r.status END";

  private static final int FETCH_SIZE = 2000;

  private final DataSource dataSource;

  public ComplianceRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reads one row; a checked-exception-friendly mapper. */
  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private <T> void query(Sql sql, int limit, RowMapper<T> mapper, Consumer<T> sink) {
    if (limit > 0) {
      sql.append("LIMIT ?", limit);
    }
    // Within the caller's transaction autocommit is off, so a fetch size makes the driver read
    // through a cursor in batches: an export never holds its whole result.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = sql.prepare(connection)) {
      statement.setFetchSize(limit > 0 ? 0 : FETCH_SIZE);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          sink.accept(mapper.map(row));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("fleet query failed: " + e.getMessage(), e);
    }
  }

  private int update(Sql sql) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = sql.prepare(connection)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("fleet update failed: " + e.getMessage(), e);
    }
  }

  private static Object[] groupParameter(String groupBy) {
    return groupBy == null ? new Object[0] : new Object[] {groupBy};
  }

  @Override
  public List<SummaryCount> summary(FleetScope scope, String groupBy) {
    // compliance_rollup (V5_7) holds the counts per cohort of servers (same labels, same OS),
    // kept by triggers in the writers' transactions; a waived row carries its expiry, so an
    // expired waiver counts as fail here as it does everywhere else.
    Sql sql =
        new Sql(
            "SELECT r.section, "
                + (groupBy == null ? "NULL::text" : "coalesce(r.labels ->> ?, '(none)')")
                + ", r.name, CASE WHEN r.section = 1 THEN CASE WHEN r.status = 'waived'"
                + " AND r.waived_until <= now() THEN 'fail' ELSE r.status END END, sum(r.total)"
                + " FROM compliance_rollup r WHERE r.total <> 0"
                // findings count only while failing: status fail, or waived with the waiver over
                + " AND (r.section <> 2 OR r.status = 'fail' OR r.waived_until <= now())",
            groupParameter(groupBy));
    if (!scope.labels().isEmpty()) {
      sql.append("AND r.labels @> cast(? as jsonb)", SqlValues.json(new TreeMap<>(scope.labels())));
    }
    if (!scope.osFamilies().isEmpty()) {
      sql.append(
          "AND (r.os_family = ANY(?) OR r.os_id = ANY(?))", scope.osFamilies(), scope.osFamilies());
    }
    sql.append("GROUP BY 1, 2, 3, 4");
    List<SummaryCount> counts = new ArrayList<>();
    query(
        sql,
        0,
        row ->
            new SummaryCount(
                SummaryCount.Section.values()[row.getInt(1)],
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getLong(5)),
        counts::add);
    return counts;
  }

  @Override
  public void paths(
      FleetScope scope,
      List<String> candidates,
      String afterHostname,
      int limit,
      Consumer<PathCoverage> sink) {
    // Walk servers by hostname; for each, the longest of the candidate paths it has an asset at,
    // found through the primary key (server_id, path): a page costs one probe per server passed.
    Sql sql =
        new Sql(
            """
            SELECT s.hostname, a.path, a.kind, a.severity, a.status,
                   (a.detail -> 'jobs')::text, (a.detail -> 'gaps')::text,
                   (a.detail -> 'remediation')::text
              FROM servers s
              CROSS JOIN LATERAL (
                    SELECT path, kind, severity, status, detail FROM asset_coverage a
                     WHERE a.server_id = s.server_id AND a.path = ANY(?)
                     ORDER BY length(a.path) DESC LIMIT 1) a
             WHERE true
            """,
            candidates);
    ServerScope.where(sql, scope.labels(), scope.osFamilies());
    if (afterHostname != null) {
      sql.append("AND s.hostname COLLATE \"C\" > ?", afterHostname);
    }
    sql.append("ORDER BY s.hostname COLLATE \"C\"");
    query(
        sql,
        limit,
        row ->
            new PathCoverage(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                objects(row.getString(6)),
                objects(row.getString(7)),
                SqlValues.list(row.getString(8))),
        sink);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(String json) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object value : SqlValues.list(json)) {
      if (value instanceof Map<?, ?> map) {
        objects.add((Map<String, Object>) map);
      }
    }
    return objects;
  }

  @Override
  public void packageData(
      FleetScope scope,
      String category,
      String name,
      List<String> services,
      Set<String> statuses,
      String afterHostname,
      String afterPath,
      int limit,
      Consumer<PackageData> sink) {
    if (services.isEmpty()) {
      return; // no service the knowledge base knows comes with this package: no service data
    }
    String sameName =
        "p.server_id = s.server_id AND p.name = ?"
            + (category == null ? "" : " AND p.category = ?");
    Object[] nameParameters =
        category == null ? new Object[] {name} : new Object[] {name, category};
    Sql sql =
        new Sql(
            "SELECT s.hostname, (SELECT string_agg(DISTINCT p.version, ' ') FROM installed_packages p"
                + " WHERE "
                + sameName
                + "), a.path, a.severity, a.status, a.detail ->> 'provenance'"
                + " FROM servers s JOIN asset_coverage a ON a.server_id = s.server_id"
                + " WHERE a.kind = 'service-data'"
                // The expression of the V5_6 index: the entry's name, before " data: ".
                + " AND split_part(a.detail ->> 'provenance', ' data: ', 1) = ANY(?)",
            concat(nameParameters, services));
    sql.append(
        "AND EXISTS (SELECT 1 FROM installed_packages p WHERE " + sameName + ")", nameParameters);
    if (!statuses.isEmpty()) {
      sql.append("AND a.status = ANY(?)", statuses);
    }
    ServerScope.where(sql, scope.labels(), scope.osFamilies());
    if (afterHostname != null) {
      sql.append(
          "AND s.hostname COLLATE \"C\" >= ? AND (s.hostname COLLATE \"C\", a.path) > (?, ?)",
          afterHostname,
          afterHostname,
          afterPath);
    }
    sql.append("ORDER BY s.hostname COLLATE \"C\", a.path");
    String qualified = category == null ? name : category + "/" + name;
    query(
        sql,
        limit,
        row ->
            new PackageData(
                row.getString(1),
                qualified,
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6)),
        sink);
  }

  private static Object[] concat(Object[] first, Object... rest) {
    Object[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  @Override
  public List<String> operatorServicesWithPackage(String name) {
    Sql sql =
        new Sql(
            "SELECT entry ->> 'name' FROM service_knowledge"
                + " WHERE jsonb_path_exists(entry, '$.packages.*[*] ? (@ == $n)',"
                + " jsonb_build_object('n', ?::text))",
            name);
    List<String> names = new ArrayList<>();
    query(sql, 0, row -> row.getString(1), names::add);
    return names;
  }

  @Override
  public void staleJobs(
      FleetScope scope,
      Instant successBefore,
      String afterHostname,
      String afterJob,
      int limit,
      Consumer<StaleJob> sink) {
    Sql sql =
        new Sql(
            """
            SELECT s.hostname, j.name, j.tool, j.schedule, j.last_success_at, j.last_status,
                   j.last_finished_at
              FROM backup_jobs j JOIN servers s ON s.server_id = j.server_id
             WHERE (j.last_success_at IS NULL OR j.last_success_at < ?)
            """,
            successBefore);
    ServerScope.where(sql, scope.labels(), scope.osFamilies());
    if (afterHostname != null) {
      sql.append(
          "AND s.hostname COLLATE \"C\" >= ?"
              + " AND (s.hostname COLLATE \"C\", j.name COLLATE \"C\") > (?, ?)",
          afterHostname,
          afterHostname,
          afterJob);
    }
    sql.append("ORDER BY s.hostname COLLATE \"C\", j.name COLLATE \"C\"");
    query(
        sql,
        limit,
        row ->
            new StaleJob(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                SqlValues.instant(row.getTimestamp(5)),
                row.getString(6),
                SqlValues.instant(row.getTimestamp(7))),
        sink);
  }

  @Override
  public List<TrendCount> trend(
      FleetScope scope, Set<String> policies, LocalDate from, LocalDate to, String groupBy) {
    Sql sql =
        new Sql(
            "SELECT t.day, "
                + (groupBy == null ? "NULL::text" : "coalesce(t.labels ->> ?, '(none)')")
                + ", t.status, sum(t.servers) FROM compliance_daily_totals t"
                + " WHERE t.day BETWEEN ? AND ?",
            concat(groupParameter(groupBy), from, to));
    if (!policies.isEmpty()) {
      sql.append("AND t.policy_name = ANY(?)", policies);
    }
    if (!scope.labels().isEmpty()) {
      sql.append("AND t.labels @> cast(? as jsonb)", SqlValues.json(new TreeMap<>(scope.labels())));
    }
    if (!scope.osFamilies().isEmpty()) {
      sql.append(
          "AND (t.os_family = ANY(?) OR t.os_id = ANY(?))", scope.osFamilies(), scope.osFamilies());
    }
    sql.append("GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    List<TrendCount> counts = new ArrayList<>();
    query(
        sql,
        0,
        row ->
            new TrendCount(
                row.getObject(1, LocalDate.class),
                row.getString(2),
                row.getString(3),
                row.getLong(4)),
        counts::add);
    return counts;
  }

  @Override
  public void recount(LocalDate from, LocalDate to) {
    update(new Sql("DELETE FROM compliance_daily_totals WHERE day BETWEEN ? AND ?", from, to));
    update(new Sql(RECOUNT + " WHERE d.day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5, 6", from, to));
  }

  /** The totals of compliance_daily by policy, day, status and kind of server. */
  static final String RECOUNT =
      """
      INSERT INTO compliance_daily_totals (policy_name, day, status, labels, os_family, os_id,
                                           servers)
      SELECT d.policy_name, d.day, d.status, s.agent_labels || s.labels,
             coalesce(s.os_family, ''), coalesce(s.os_id, ''), count(*)
        FROM compliance_daily d JOIN servers s ON s.server_id = d.server_id
      """;

  @Override
  public int snapshot(LocalDate day) {
    return update(
        new Sql(
            """
            INSERT INTO compliance_daily (server_id, policy_name, day, status)
            SELECT r.server_id, r.policy_name, ?, %s FROM policy_results r
            ON CONFLICT (server_id, policy_name, day) DO UPDATE SET status = excluded.status
             WHERE compliance_daily.status IS DISTINCT FROM excluded.status
            """
                .formatted(RESULT_STATUS),
            day));
  }

  @Override
  public int deleteBefore(LocalDate day) {
    update(new Sql("DELETE FROM compliance_daily_totals WHERE day < ?", day));
    return update(new Sql("DELETE FROM compliance_daily WHERE day < ?", day));
  }

  @Override
  public void dropEmptyCounts() {
    // A writer that raises a count concurrently holds its row: this waits for it and then finds
    // the row no longer zero (READ COMMITTED re-checks the condition), so no count is lost.
    update(new Sql("DELETE FROM compliance_rollup WHERE total = 0"));
  }
}
