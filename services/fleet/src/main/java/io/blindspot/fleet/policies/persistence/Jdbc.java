package io.blindspot.fleet.policies.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC on the service's datasource: connections taken inside a transaction are enlisted in
 * it, so every statement of a use case commits or rolls back together.
 */
final class Jdbc {

  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> List<T> query(String sql, Row<T> mapper, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet r = s.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(mapper.map(r));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql, parameters)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs {@code sql} once per row of parameters, in one batch. */
  void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    bind(s, parameters);
    return s;
  }

  private static void bind(PreparedStatement s, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant instant) {
        s.setTimestamp(i + 1, Timestamp.from(instant));
      } else {
        s.setObject(i + 1, value);
      }
    }
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp t = row.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
