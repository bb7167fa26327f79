package io.blindspot.fleet.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A statement built from fragments, each with its own positional parameters, for the plain JDBC
 * queries whose WHERE clause depends on which filters a request gives. Collections become SQL
 * arrays (for {@code = ANY(?)}: integer arrays when all elements are integers, else text), instants
 * timestamps.
 */
public final class Sql {

  private final StringBuilder text = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();

  public Sql(String start, Object... parameters) {
    append(start, parameters);
  }

  public Sql append(String fragment, Object... values) {
    text.append(' ').append(fragment);
    parameters.addAll(List.of(values));
    return this;
  }

  public String text() {
    return text.toString();
  }

  public PreparedStatement prepare(Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(text.toString());
    try {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, value(connection, parameters.get(i)));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static Object value(Connection connection, Object value) throws SQLException {
    if (value instanceof Collection<?> values
        && !values.isEmpty()
        && values.stream().allMatch(Integer.class::isInstance)) {
      return connection.createArrayOf("integer", values.toArray());
    }
    if (value instanceof Collection<?> values) {
      return connection.createArrayOf("text", values.stream().map(String::valueOf).toArray());
    }
    if (value instanceof Instant instant) {
      return Timestamp.from(instant);
    }
    if (value instanceof LocalDate day) {
      return java.sql.Date.valueOf(day);
    }
    return value;
  }
}
