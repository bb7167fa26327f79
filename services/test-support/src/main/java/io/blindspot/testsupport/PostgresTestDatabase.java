package io.blindspot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives each Quarkus test run a throwaway database on a real PostgreSQL, and drops it afterwards.
 *
 * <p>The server is the one {@code ./blindspot test} found or started: {@code BLINDSPOT_DB_URL} (any
 * database on it; {@code postgres} is used for CREATE/DROP DATABASE), {@code BLINDSPOT_DB_USER},
 * {@code BLINDSPOT_DB_PASSWORD}; by default localhost:5432 as postgres.
 */
public final class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

  private String adminUrl;
  private String user;
  private String password;
  private String database;

  @Override
  public Map<String, String> start() {
    String url = env("BLINDSPOT_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
    user = env("BLINDSPOT_DB_USER", "postgres");
    password = env("BLINDSPOT_DB_PASSWORD", "");
    adminUrl = withDatabase(url, "postgres");
    database = "blindspot_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + database);
    return Map.of(
        "quarkus.datasource.jdbc.url",
        withDatabase(url, database),
        "quarkus.datasource.username",
        user,
        "quarkus.datasource.password",
        password,
        // The test database is new and empty: every service's tests build the schema themselves.
        "quarkus.flyway.migrate-at-start",
        "true",
        // Flyway validates before it migrates: on an empty database that check can only fail.
        "quarkus.flyway.validate-at-start",
        "false");
  }

  @Override
  public void stop() {
    if (database != null) {
      execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + adminUrl + " refused `" + sql + "`: " + e.getMessage(), e);
    }
  }

  /** Replaces the database name of a JDBC URL, keeping host, port and parameters. */
  static String withDatabase(String jdbcUrl, String databaseName) {
    int schemeEnd = jdbcUrl.indexOf("//");
    int pathStart = jdbcUrl.indexOf('/', schemeEnd + 2);
    if (schemeEnd < 0 || pathStart < 0) {
      return jdbcUrl + "/" + databaseName;
    }
    int query = jdbcUrl.indexOf('?', pathStart);
    String parameters = query < 0 ? "" : jdbcUrl.substring(query);
    return jdbcUrl.substring(0, pathStart + 1) + databaseName + parameters;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
