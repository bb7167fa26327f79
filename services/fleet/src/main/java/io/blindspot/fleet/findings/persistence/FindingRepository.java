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
    try (Connection connection = dataSource.getConnection()) {
      // The page's rows are chosen first, from the findings alone where the request allows it,
      // and only those rows are then joined to their servers and turned into output: however
      // PostgreSQL finds them, it never joins or converts rows it then throws away.
      boolean byServer =
          sort.field() == FindingSort.Field.HOSTNAME
              || ServerScope.narrows(filter.labels(), filter.osFamilies());
      Sql sql =
          new Sql(
              "SELECT f.* FROM findings f"
                  + (byServer ? " JOIN servers s ON s.server_id = f.server_id" : "")
                  + " WHERE true");
      where(sql, filter);
      if (filter.packageName() != null) {
        packageCondition(connection, sql, filter.packageName(), limit);
      }
      if (after != null) {
        after(sql, sort, after);
      }
      sql.append(orderBy(sort)).append("LIMIT ?", limit);
      Sql page = new Sql(COLUMNS + " FROM (" + sql.text() + ") f");
      page.append("JOIN servers s ON s.server_id = f.server_id", sql.parameters().toArray());
      page.append(orderBy(sort));
      List<Finding> rows = new ArrayList<>();
      try (PreparedStatement statement = page.prepare(connection);
          ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(finding(row));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("findings query failed: " + e.getMessage(), e);
    }
  }

  /**
   * Restricts a page to the servers with package {@code name}, in the form that is cheap for how
   * many servers have it, decided from the count itself rather than left to PostgreSQL's estimate.
   * A package name is one value among thousands, most of them outside the few hundred whose
   * frequency PostgreSQL's statistics keep, so its guess at how many servers have one can be off by
   * a hundred times (13 estimated, 1,369 real, for mariadb-server on a generated 10,000-server
   * fleet), and either plan it then picks is the wrong one for the other case: a walk of the
   * order's index for a rare package reads every finding, a sort of the package's servers' findings
   * for a common one reads thousands.
   *
   * <p>Walking the order's index until the page is full reads about {@code (limit + 1) * S / k}
   * findings (S servers, k with the package); reading the findings of the k servers and keeping the
   * first ones costs about k probes. So up to {@code sqrt((limit + 1) * S)} servers, their ids are
   * read (at most that many plus one, by index) and the page probes exactly those; above, the page
   * walks the index and tests each finding's server against a hash of the package's servers (an IN
   * that is not a plain condition, which PostgreSQL keeps as a hashed subplan instead of turning it
   * into a join it would plan from its estimate).
   */
  private static void packageCondition(Connection connection, Sql sql, String name, int limit)
      throws SQLException {
    double fleet;
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT greatest(reltuples, 1),"
                    + " set_config('plan_cache_mode', 'force_custom_plan', true)"
                    + " FROM pg_class WHERE oid = 'servers'::regclass")) {
      fleet = row.next() ? row.getDouble(1) : 1;
    }
    int most = (int) Math.ceil(Math.sqrt((double) (limit + 1) * fleet));
    List<String> servers = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT server_id::text FROM installed_packages WHERE name = ? LIMIT ?")) {
      statement.setString(1, name);
      statement.setInt(2, most + 1);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          servers.add(row.getString(1));
        }
      }
    }
    if (servers.size() <= most) {
      // A server with the package twice (two versions, two slots) is listed twice: harmless.
      sql.append("AND f.server_id = ANY(cast(? as uuid[]))", servers);
    } else {
      sql.append(
          "AND (f.server_id IN (SELECT p.server_id FROM installed_packages p WHERE p.name = ?))"
              + " IS TRUE",
          name);
    }
  }

  @Override
  public void exportCsv(FindingFilter filter, FindingSort sort, OutputStream out) {
    Sql sql = new Sql(CSV_SELECT);
    where(sql, filter);
    if (filter.packageName() != null) {
      // Every matching finding, not a page: a semi-join, however PostgreSQL runs it.
      sql.append(
          "AND EXISTS (SELECT 1 FROM installed_packages p"
              + " WHERE p.name = ? AND p.server_id = f.server_id)",
          filter.packageName());
    }
    sql.append(orderBy(sort));
    try (Connection connection = dataSource.getConnection()) {
      // In memory, walking the order's index streams the first rows at once and needs no sort
      // (at disk costs PostgreSQL sorts every finding first, spilling past work_mem to disk).
      inMemoryCosts(connection);
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

  /**
   * Plans this transaction's statements for tables read from memory (random_page_cost 1.1, the
   * usual setting for SSDs and cached data). Local to the transaction the caller runs in: the
   * pooled connection keeps its defaults.
   */
  private static void inMemoryCosts(Connection connection) throws SQLException {
    try (Statement set = connection.createStatement()) {
      set.execute("SELECT set_config('random_page_cost', '1.1', true)");
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
