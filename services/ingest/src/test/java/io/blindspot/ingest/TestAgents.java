package io.blindspot.ingest;

import static io.restassured.RestAssured.given;

import io.blindspot.core.tokens.TokenDigest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Enrollment tokens and enrolled agents for the tests. The fleet service creates enrollment tokens
 * in production; here they go straight into the test database, as only their SHA-256 is stored.
 */
public final class TestAgents {

  private TestAgents() {}

  /** An enrolled agent: its server and its bearer token. */
  public record Agent(UUID serverId, String token) {
    public String bearer() {
      return "Bearer " + token;
    }
  }

  /** A usable enrollment token (valid for an hour) with these labels. */
  public static String enrollmentToken(DataSource db, String labelsJson) {
    return enrollmentToken(db, labelsJson, Instant.now().plus(Duration.ofHours(1)), null);
  }

  public static String enrollmentToken(
      DataSource db, String labelsJson, Instant expiresAt, Instant revokedAt) {
    String token = TokenDigest.newSecret("bse_");
    update(
        db,
        "INSERT INTO enrollment_tokens (token_id, token_hash, description, labels, expires_at,"
            + " revoked_at) VALUES (?, ?, 'test', ?::jsonb, ?, ?)",
        UUID.randomUUID(),
        TokenDigest.sha256(token),
        labelsJson,
        Timestamp.from(expiresAt),
        revokedAt == null ? null : Timestamp.from(revokedAt));
    return token;
  }

  /** Enrolls a new machine with a fresh enrollment token and a unique hostname. */
  public static Agent enroll(DataSource db) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return enroll("host-" + suffix, "machine-" + suffix, enrollmentToken(db, "{}"));
  }

  public static Agent enroll(String hostname, String machineId, String enrollmentToken) {
    var response =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "hostname", hostname,
                    "machineId", machineId,
                    "enrollmentToken", enrollmentToken))
            .post("/api/v1/agent/enroll")
            .then()
            .statusCode(201)
            .extract();
    return new Agent(UUID.fromString(response.path("serverId")), response.path("token"));
  }

  /** Runs an INSERT/UPDATE/DDL statement on the test database. */
  public static int update(DataSource db, String sql, Object... parameters) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row of a query. */
  public static List<Object> column(DataSource db, String sql, Object... parameters) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single value of a query. */
  public static Object value(DataSource db, String sql, Object... parameters) {
    List<Object> values = column(db, sql, parameters);
    if (values.size() != 1) {
      throw new IllegalStateException(sql + " answered " + values.size() + " rows");
    }
    return values.get(0);
  }

  /** A row count, as a long. */
  public static long count(DataSource db, String sql, Object... parameters) {
    return ((Number) value(db, sql, parameters)).longValue();
  }
}
