package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.count;
import static io.blindspot.ingest.TestAgents.enrollmentToken;
import static io.blindspot.ingest.TestAgents.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.ingest.TestAgents.Agent;
import io.blindspot.testsupport.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Carries the throwaway database for every test class of this module (one Quarkus start). */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class EnrollmentTest {

  @Inject DataSource db;

  @Test
  void enrollsWithAUsableTokenAndStoresOnlyTheHashOfTheAgentToken() {
    String enrollment = enrollmentToken(db, "{\"team\": \"web\", \"env\": \"prod\"}");
    String machineId = "m-" + UUID.randomUUID();

    var response =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "hostname", "enroll-1", "machineId", machineId, "enrollmentToken", enrollment))
            .post("/api/v1/agent/enroll")
            .then()
            .statusCode(201)
            .contentType(ContentType.JSON)
            .body("serverId", matchesPattern("[0-9a-f-]{36}"))
            .body("token", matchesPattern("bsa_[0-9a-f]{32}_[A-Za-z0-9_-]{43}"))
            .extract();
    UUID serverId = UUID.fromString(response.path("serverId"));
    String token = response.path("token");

    assertThat(token).contains(serverId.toString().replace("-", ""));
    assertThat(
            (byte[])
                value(db, "SELECT agent_token_hash FROM servers WHERE server_id = ?", serverId))
        .isEqualTo(TokenDigest.sha256(token));
    String secret = token.substring(token.lastIndexOf('_') + 1);
    // Nowhere in the database: neither the whole token nor its secret part, in any column.
    assertThat(count(db, "SELECT count(*) FROM servers s WHERE s::text LIKE ?", "%" + secret + "%"))
        .isZero();
    assertThat(
            count(
                db,
                "SELECT count(*) FROM enrollment_tokens t WHERE t::text LIKE ?",
                "%" + secret + "%"))
        .isZero();
    assertThat(
            value(db, "SELECT labels::text FROM servers WHERE server_id = ?", serverId).toString())
        .contains("\"team\": \"web\"")
        .contains("\"env\": \"prod\"");
    assertThat(value(db, "SELECT hostname FROM servers WHERE server_id = ?", serverId))
        .isEqualTo("enroll-1");
    assertThat(
            count(
                db,
                "SELECT used_count FROM enrollment_tokens WHERE token_hash = ?",
                TokenDigest.sha256(enrollment)))
        .isEqualTo(1);
  }

  @Test
  void anEnrollmentTokenServesSeveralMachinesAndCountsEachUse() {
    String enrollment = enrollmentToken(db, "{}");
    TestAgents.enroll("multi-1", "multi-m1", enrollment);
    TestAgents.enroll("multi-2", "multi-m2", enrollment);
    assertThat(
            count(
                db,
                "SELECT used_count FROM enrollment_tokens WHERE token_hash = ?",
                TokenDigest.sha256(enrollment)))
        .isEqualTo(2);
  }

  @Test
  void unknownExpiredAndRevokedEnrollmentTokensAreRefused() {
    String expired = enrollmentToken(db, "{}", Instant.now().minus(Duration.ofMinutes(1)), null);
    String revoked =
        enrollmentToken(
            db, "{}", Instant.now().plus(Duration.ofHours(1)), Instant.now().minusSeconds(5));
    for (String token : new String[] {"bse_never-issued", expired, revoked}) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("hostname", "refused", "machineId", "refused-m", "enrollmentToken", token))
          .post("/api/v1/agent/enroll")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("status", equalTo(401))
          .body("detail", containsString("unknown, revoked or expired"));
    }
    assertThat(count(db, "SELECT count(*) FROM servers WHERE hostname = 'refused'")).isZero();
    assertThat(
            count(
                db,
                "SELECT used_count FROM enrollment_tokens WHERE token_hash = ?",
                TokenDigest.sha256(expired)))
        .isZero();
  }

  @Test
  void reenrollingTheSameMachineRotatesItsTokenAndTakesTheNewHostname() {
    String machineId = "rotate-" + UUID.randomUUID();
    Agent first = TestAgents.enroll("rotate-old", machineId, enrollmentToken(db, "{}"));
    Agent second =
        TestAgents.enroll("rotate-new", machineId, enrollmentToken(db, "{\"rack\": \"b2\"}"));

    assertThat(second.serverId()).isEqualTo(first.serverId());
    assertThat(second.token()).isNotEqualTo(first.token());
    given()
        .header("Authorization", first.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", second.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    assertThat(value(db, "SELECT hostname FROM servers WHERE server_id = ?", first.serverId()))
        .isEqualTo("rotate-new");
    assertThat(
            value(db, "SELECT labels->>'rack' FROM servers WHERE server_id = ?", first.serverId()))
        .isEqualTo("b2");
    assertThat(count(db, "SELECT count(*) FROM servers WHERE machine_id = ?", machineId)).isOne();
  }

  @Test
  void concurrentEnrollmentsOfOneMachineMakeOneServer() throws Exception {
    // One enrollment token each: a shared one would serialise them on its row lock.
    List<String> enrollments = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      enrollments.add(enrollmentToken(db, "{}"));
    }
    String machineId = "race-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (String enrollment : enrollments) {
        statuses.add(
            pool.submit(
                () ->
                    given()
                        .contentType(ContentType.JSON)
                        .body(
                            Map.of(
                                "hostname", "race-host",
                                "machineId", machineId,
                                "enrollmentToken", enrollment))
                        .post("/api/v1/agent/enroll")
                        .statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isIn(201, 409);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count(db, "SELECT count(*) FROM servers WHERE machine_id = ?", machineId)).isOne();
  }

  @Test
  void aHostnameTakenByAnotherMachineIsAConflict() {
    TestAgents.enroll("taken-host", "taken-m1", enrollmentToken(db, "{}"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "hostname", "taken-host",
                "machineId", "taken-m2",
                "enrollmentToken", enrollmentToken(db, "{}")))
        .post("/api/v1/agent/enroll")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("taken-host"));
    assertThat(count(db, "SELECT count(*) FROM servers WHERE machine_id = 'taken-m2'")).isZero();
  }

  @Test
  void invalidFieldsAreNamed() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("hostname", "", "machineId", "m", "enrollmentToken", "x"))
        .post("/api/v1/agent/enroll")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("hostname"))
        .body("detail", containsString("hostname"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"hostname\": \"h\", \"machineId\": \"m\"}")
        .post("/api/v1/agent/enroll")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("enrollmentToken"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"hostname\": ")
        .post("/api/v1/agent/enroll")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .post("/api/v1/agent/enroll")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
