package io.blindspot.fleet.findings.persistence;

import io.blindspot.fleet.findings.application.Finding;
import io.blindspot.fleet.findings.application.FindingFilter;
import io.blindspot.fleet.findings.application.FindingKey;
import io.blindspot.fleet.findings.application.FindingSort;
import io.blindspot.fleet.findings.application.FindingStore;
import io.blindspot.fleet.sql.ServerScope;
import io.blindspot.fleet.sql.Sql;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Plain JDBC over findings joined with servers: a listing is one keyset seek along an index of the
 * findings table (V5_1, V5_4), and an export PostgreSQL's own CSV streamed through COPY, so neither
 * holds more than a page in memory.
 */
@ApplicationScoped
public class FindingRepository implements FindingStore {

  /** The effective status: a waiver that expired counts as fail, without waiting for a job. */
  static final String EFFECTIVE_STATUS =
      "CASE WHEN f.status = 'waived' AND f.waived_until <= now() THEN 'fail' ELSE f.status END";

  private static final String COLUMNS =
      "SELECT s.hostname, f.server_id, f.policy_name, f.severity, f.severity_rank, f.requirement,"
          + " f.path, "
          + EFFECTIVE_STATUS
          + ", f.asset_kind, f.asset_status, f.job, f.message, f.first_seen, f.waiver_id,"
          + " f.waived_until, f.evidence::text";

  /** The columns of the CSV export, in the order of its header, formatted as the pages are. */
  private static final String CSV_SELECT =
      "SELECT s.hostname, f.policy_name, f.severity, f.requirement, f.path, "
          + EFFECTIVE_STATUS
          + ", f.asset_kind, f.asset_status, f.job, f.message, "
          + isoInstant("f.first_seen")
          + ", f.waiver_id, "
          + isoInstant("f.waived_until")
          + ", f.evidence::text FROM findings f JOIN servers s ON s.server_id = f.server_id"
          + " WHERE true";

  private static final List<String> SEVERITY_RANKS = List.of("critical", "high", "medium", "low");

  private final DataSource dataSource;

  public FindingRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Finding> find(FindingFilter filter, FindingSort sort, FindingKey after, int limit) {
    // The page's rows are chosen first, from the findings alone where the request allows it, and
    // only those rows are then joined to their servers and turned into output: whichever way
    // PostgreSQL finds them (walking the order's index, or reading the findings of a package's
    // servers and keeping the first ones), it never joins or converts rows it then throws away.
    boolean byServer =
        sort.field() == FindingSort.Field.HOSTNAME
            || ServerScope.narrows(filter.labels(), filter.osFamilies());
    Sql sql =
        new Sql(
            "SELECT f.* FROM findings f"
                + (byServer ? " JOIN servers s ON s.server_id = f.server_id" : "")
                + " WHERE true");
    where(sql, filter);
    if (after != null) {
      after(sql, sort, after);
    }
    sql.append(orderBy(sort)).append("LIMIT ?", limit);
    Sql page = new Sql(COLUMNS + " FROM (" + sql.text() + ") f");
    page.append("JOIN servers s ON s.server_id = f.server_id", sql.parameters().toArray());
    page.append(orderBy(sort));
    List<Finding> rows = new ArrayList<>();
    // A package filter is a semi-join probed once per finding walked. At the default
    // random_page_cost (4, disk) the planner prices a walk of the order's index with a probe per
    // row above reading every finding of the package's servers and sorting them, even for a
    // package on 1 server in 7 (mariadb-server on a 10,000-server fleet: 1,000 rows sorted per
    // page, about 5 ms, instead of about 750 index entries walked, about 2 ms). Both tables are
    // read from memory, so the page is planned at an in-memory cost, and always for its own
    // parameters: the driver's prepared statement would otherwise get, after five executions, a
    // generic plan that knows neither the package nor the LIMIT and sorts. A rare package still
    // sorts its few findings.
    run(page, filter.packageName() != null, rows::add);
    return rows;
  }

  @Override
  public void exportCsv(FindingFilter filter, FindingSort sort, OutputStream out) {
    Sql sql = new Sql(CSV_SELECT);
    where(sql, filter);
    sql.append(orderBy(sort));
    try (Connection connection = dataSource.getConnection()) {
      // In memory, walking the order's index streams the first rows at once and needs no sort
      // (at disk costs PostgreSQL sorts every finding first, spilling past work_mem to disk).
      inMemoryCosts(connection, false);
      sql.copyCsv(connection, out);
    } catch (SQLException e) {
      throw new IllegalStateException("findings export failed: " + e.getMessage(), e);
    }
  }

  /**
   * A timestamp as the JSON pages print an instant (ISO-8601 in UTC, the fraction in groups of
   * three digits and none when zero), so that the export and the pages agree to the character.
   */
  private static String isoInstant(String column) {
    String micros = "(extract(microseconds FROM " + column + ")::bigint % 1000000)";
    return "to_char("
        + column
        + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        + micros
        + " = 0 THEN '' WHEN "
        + micros
        + " % 1000 = 0 THEN '.' || lpad(("
        + micros
        + " / 1000)::text, 3, '0') ELSE '.' || lpad("
        + micros
        + "::text, 6, '0') END || 'Z'";
  }

  private void run(Sql sql, boolean inMemoryCosts, Consumer<Finding> sink) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = sql.prepare(connection)) {
      if (inMemoryCosts) {
        inMemoryCosts(connection, true);
      }
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          sink.accept(finding(row));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("findings query failed: " + e.getMessage(), e);
    }
  }

  /**
   * Plans this transaction's statements for tables read from memory (random_page_cost 1.1, the
   * usual setting for SSDs and cached data) and, when {@code customPlans}, each for its own
   * parameters. Local to the transaction the caller runs in: the pooled connection keeps its
   * defaults.
   */
  private static void inMemoryCosts(Connection connection, boolean customPlans)
      throws SQLException {
    try (Statement set = connection.createStatement()) {
      set.execute(
          "SELECT set_config('random_page_cost', '1.1', true)"
              + (customPlans ? ", set_config('plan_cache_mode', 'force_custom_plan', true)" : ""));
    }
  }

  private static void where(Sql sql, FindingFilter filter) {
    if (!filter.policies().isEmpty()) {
      sql.append("AND f.policy_name = ANY(?)", filter.policies());
    }
    if (!filter.severities().isEmpty()) {
      // By rank (0 critical .. 3 low, as V5_1 defines it): the leading column of the default
      // order's index, so a severity filter narrows the walk instead of filtering it.
      sql.append(
          "AND f.severity_rank = ANY(?)",
          filter.severities().stream().map(SEVERITY_RANKS::indexOf).toList());
    }
    if (!filter.assetKinds().isEmpty()) {
      sql.append("AND f.asset_kind = ANY(?)", filter.assetKinds());
    }
    if (filter.pathPrefix() != null) {
      // text_pattern_ops index of V5_1: LIKE with a literal prefix is a range scan.
      sql.append("AND f.path LIKE ?", SqlValues.likePrefix(filter.pathPrefix()));
    }
    ServerScope.where(sql, filter.labels(), filter.osFamilies());
    if (filter.packageName() != null) {
      sql.append(
          "AND EXISTS (SELECT 1 FROM installed_packages p"
              + " WHERE p.name = ? AND p.server_id = f.server_id)",
          filter.packageName());
    }
    if (filter.statuses().size() == 1) {
      // Spelt out rather than through EFFECTIVE_STATUS, so that `waived` can use the partial
      // index of V5_6 over the few waived findings.
      sql.append(
          filter.statuses().contains("waived")
              ? "AND f.status = 'waived' AND f.waived_until > now()"
              : "AND (f.status = 'fail' OR (f.status = 'waived' AND f.waived_until <= now()))");
    }
  }

  private static String columns(FindingSort.Field field) {
    return switch (field) {
      case SEVERITY -> "f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path";
      case HOSTNAME -> "s.hostname COLLATE \"C\", f.policy_name, f.requirement, f.path";
      case POLICY -> "f.policy_name, f.server_id, f.requirement, f.path";
      case FIRST_SEEN -> "f.first_seen, f.server_id, f.policy_name, f.requirement, f.path";
    };
  }

  private static String orderBy(FindingSort sort) {
    String direction = sort.descending() ? " DESC" : " ASC";
    return "ORDER BY "
        + String.join(direction + ", ", columns(sort.field()).split(", "))
        + direction;
  }

  private static void after(Sql sql, FindingSort sort, FindingKey key) {
    String operator = sort.descending() ? "<" : ">";
    String row = "AND (" + columns(sort.field()) + ") " + operator + " ";
    switch (sort.field()) {
      case SEVERITY ->
          sql.append(
              row + "(?, ?, ?, ?, ?)",
              key.severityRank(),
              key.policy(),
              key.serverId(),
              key.requirement(),
              key.path());
      case HOSTNAME ->
          sql.append(
              row + "(?, ?, ?, ?)", key.hostname(), key.policy(), key.requirement(), key.path());
      case POLICY ->
          sql.append(
              row + "(?, ?, ?, ?)", key.policy(), key.serverId(), key.requirement(), key.path());
      case FIRST_SEEN ->
          sql.append(
              row + "(?, ?, ?, ?, ?)",
              key.firstSeen(),
              key.serverId(),
              key.policy(),
              key.requirement(),
              key.path());
    }
  }

  private static Finding finding(ResultSet row) throws SQLException {
    long waiver = row.getLong(14);
    Long waiverId = row.wasNull() ? null : waiver;
    return new Finding(
        row.getObject(2, UUID.class),
        row.getString(1),
        row.getString(3),
        row.getString(4),
        row.getInt(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getString(9),
        row.getString(10),
        row.getString(11),
        row.getString(12),
        SqlValues.instant(row.getTimestamp(13)),
        waiverId,
        SqlValues.instant(row.getTimestamp(15)),
        row.getString(16));
  }
}
