package io.blindspot.fleet.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

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

  /** The parameters of the placeholders of {@link #text}, in order. */
  public List<Object> parameters() {
    return new ArrayList<>(parameters);
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
    return switch (type(value)) {
      case "integer[]" -> connection.createArrayOf("integer", ((Collection<?>) value).toArray());
      case "text[]" ->
          connection.createArrayOf(
              "text", ((Collection<?>) value).stream().map(String::valueOf).toArray());
      case "timestamptz" -> Timestamp.from((Instant) value);
      case "date" -> java.sql.Date.valueOf((LocalDate) value);
      default -> value;
    };
  }

  /**
   * Runs this query as {@code COPY (...) TO STDOUT (FORMAT csv)} and writes its rows to {@code out}
   * as RFC 4180 records (CRLF after each). PostgreSQL formats and quotes the CSV itself, so an
   * export costs the service a byte copy per row instead of a decode, an object and an encode.
   *
   * <p>COPY takes no bind parameters, and values from a request never become SQL text: each travels
   * as a transaction-local setting ({@code set_config(..., true)}, bound like any parameter) that
   * the statement reads back with {@code current_setting}, cast to the parameter's type. Must run
   * inside a transaction, which scopes those settings.
   */
  public void copyCsv(Connection connection, OutputStream out) throws SQLException {
    StringBuilder settings = new StringBuilder("SELECT true");
    List<String> casts = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      settings.append(", set_config('blindspot.copy_").append(i).append("', ?::text, true)");
      casts.add("current_setting('blindspot.copy_" + i + "')::" + type(parameters.get(i)));
    }
    if (!parameters.isEmpty()) {
      try (PreparedStatement set =
          new Sql(settings.toString(), parameters.toArray()).prepare(connection)) {
        set.execute();
      }
    }
    CopyOut copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut("COPY (" + substitute(text.toString(), casts) + ") TO STDOUT (FORMAT csv)");
    try {
      // One CopyData message is one row, ending in the LF that COPY puts after every row (LFs
      // inside a quoted field are part of the field).
      for (byte[] row = copy.readFromCopy(); row != null; row = copy.readFromCopy()) {
        out.write(row, 0, row.length - 1);
        out.write(CRLF);
      }
    } catch (IOException e) {
      // The client went away: stop the COPY so the connection can be used (or closed) again.
      if (copy.isActive()) {
        copy.cancelCopy();
      }
      throw new UncheckedIOException(e);
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};

  /** {@code text} with its n-th placeholder replaced by {@code values.get(n)}. */
  private static String substitute(String text, List<String> values) {
    StringBuilder sql = new StringBuilder(text.length() + 64 * values.size());
    int next = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == '?' && !quoted) {
        sql.append(values.get(next++));
      } else {
        sql.append(c);
      }
    }
    if (next != values.size()) {
      throw new IllegalStateException(values.size() + " parameters for " + next + " placeholders");
    }
    return sql.toString();
  }

  /**
   * The SQL type a parameter is bound as: collections as arrays (integer arrays when every element
   * is an integer, for {@code = ANY(?)}), instants as timestamps.
   */
  private static String type(Object value) {
    if (value instanceof Collection<?> values
        && !values.isEmpty()
        && values.stream().allMatch(Integer.class::isInstance)) {
      return "integer[]";
    }
    if (value instanceof Collection<?>) {
      return "text[]";
    }
    if (value instanceof Instant) {
      return "timestamptz";
    }
    if (value instanceof LocalDate) {
      return "date";
    }
    if (value instanceof Integer) {
      return "integer";
    }
    if (value instanceof Long) {
      return "bigint";
    }
    if (value instanceof UUID) {
      return "uuid";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "text";
  }
}
