package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.blindspot.fleet.policies.application.PolicyEvaluation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** /api/v1/waivers: creation rules, expiry taking effect by itself, revocation, the audit trail. */
@QuarkusTest
class WaiversTest {

  static final String BASE = "/api/v1/waivers";

  @Inject DataSource dataSource;
  @Inject PolicyEvaluation evaluation;

  static String waiver(String policy, String target, String reason, Instant expiresAt) {
    return "{\"policy\": \""
        + policy
        + "\", "
        + target
        + ", \"reason\": \""
        + reason
        + "\", \"expiresAt\": \""
        + expiresAt
        + "\"}";
  }

  static int create(String body) {
    return operator()
        .contentType("application/json")
        .body(body)
        .post(BASE)
        .then()
        .statusCode(201)
        .header("Location", containsString(BASE + "/"))
        .extract()
        .path("id");
  }

  @Test
  void aWaiverExcusesAFailureUntilItExpiresAndThenTheResultIsAFailureAgain() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("wv-expiring-1").insert();
    evaluation.evaluate(id);
    assertThat(
            PolicyEvaluationTest.status(
                PolicyEvaluationTest.results("wv-expiring-1"), "restore-ready"))
        .isEqualTo("fail");

    Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
    int waiverId =
        create(
            waiver("restore-ready", "\"server\": \"wv-expiring-1\"", "rebuilt this week", expiry));
    assertThat(db.count("SELECT count(*) FROM policy_queue WHERE server_id = ?", id)).isEqualTo(1);
    evaluation.evaluate(id);

    JsonPath waived = PolicyEvaluationTest.results("wv-expiring-1");
    String result = "items.find { it.policy == 'restore-ready' }";
    assertThat(waived.getString(result + ".status")).isEqualTo("waived");
    assertThat(waived.getInt(result + ".waiverId")).isEqualTo(waiverId);
    assertThat(Instant.parse(waived.getString(result + ".waivedUntil"))).isEqualTo(expiry);
    assertThat(waived.getString(result + ".findings[0].status")).isEqualTo("waived");
    assertThat(waived.getString(result + ".findings[0].message")).contains("coverage has not");
    // other policies are not waived
    assertThat(PolicyEvaluationTest.status(waived, "mounts-covered")).isEqualTo("fail");

    // past the expiry the stored row still says waived, but every reader sees a failure
    Instant deadline = Instant.now().plusSeconds(10);
    String seen = "waived";
    while (!seen.equals("fail") && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      seen = PolicyEvaluationTest.results("wv-expiring-1").getString(result + ".status");
    }
    assertThat(seen).isEqualTo("fail");
    assertThat(
            PolicyEvaluationTest.results("wv-expiring-1").getString(result + ".findings[0].status"))
        .isEqualTo("fail");
    assertThat(
            db.count(
                "SELECT count(*) FROM policy_results WHERE server_id = ? AND status = 'waived'",
                id))
        .isEqualTo(1);
    operator().get(BASE + "/" + waiverId).then().statusCode(200).body("state", equalTo("expired"));

    // the sweep queues the server, and the worker writes the failure down
    db.update("DELETE FROM policy_queue WHERE server_id = ?", id);
    assertThat(evaluation.enqueueExpiredWaivers()).isGreaterThanOrEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM policy_queue WHERE server_id = ? AND reason = 'a waiver expired'",
                id))
        .isEqualTo(1);
    evaluation.drain(10_000);
    assertThat(
            db.count(
                "SELECT count(*) FROM policy_results WHERE server_id = ? AND policy_name ="
                    + " 'restore-ready' AND status = 'fail' AND waiver_id IS NULL",
                id))
        .isEqualTo(1);
  }

  @Test
  void aSelectorWaiverCoversTheServersItPicksAndRevokingItEndsIt() {
    FleetFixture db = new FleetFixture(dataSource);
    UUID legacy = db.server("wv-legacy-1").labels(java.util.Map.of("tier", "legacy")).insert();
    UUID other = db.server("wv-modern-1").labels(java.util.Map.of("tier", "modern")).insert();
    int waiverId =
        create(
            waiver(
                "mounts-covered",
                "\"selector\": {\"labels\": {\"tier\": \"legacy\"}}",
                "legacy tier is being retired",
                Instant.now().plus(Duration.ofDays(30))));
    evaluation.evaluate(legacy);
    evaluation.evaluate(other);
    assertThat(
            PolicyEvaluationTest.status(
                PolicyEvaluationTest.results("wv-legacy-1"), "mounts-covered"))
        .isEqualTo("waived");
    assertThat(
            PolicyEvaluationTest.status(
                PolicyEvaluationTest.results("wv-modern-1"), "mounts-covered"))
        .isEqualTo("fail");

    operator()
        .get(BASE + "/" + waiverId)
        .then()
        .statusCode(200)
        .body("policy", equalTo("mounts-covered"))
        .body("selector.labels.tier", equalTo("legacy"))
        .body("author", equalTo("admin"))
        .body("state", equalTo("active"))
        .body("server", equalTo(null));
    operator()
        .get(BASE + "?policy=mounts-covered&state=active")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.id == " + waiverId + " }.reason",
            equalTo("legacy tier is being retired"));

    operator()
        .delete(BASE + "/" + waiverId)
        .then()
        .statusCode(200)
        .body("state", equalTo("revoked"))
        .body("revokedAt", notNullValue());
    operator().delete(BASE + "/" + waiverId).then().statusCode(409);
    operator()
        .get(BASE + "?state=revoked")
        .then()
        .statusCode(200)
        .body("items.find { it.id == " + waiverId + " }.state", equalTo("revoked"));
    evaluation.evaluate(legacy);
    assertThat(
            PolicyEvaluationTest.status(
                PolicyEvaluationTest.results("wv-legacy-1"), "mounts-covered"))
        .isEqualTo("fail");

    JsonPath audit =
        operator()
            .get("/api/v1/audit?entity=waiver&entityId=" + waiverId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("items.action", String.class)).containsExactly("revoke", "create");
    assertThat(audit.getString("items[0].before.revokedAt")).isNull();
    assertThat(audit.getString("items[0].after.revokedAt")).isNotNull();
    assertThat(audit.getString("items[1].after.reason")).isEqualTo("legacy tier is being retired");
    assertThat(audit.getString("items[1].actor")).isEqualTo("admin");
  }

  @Test
  void badWaiversAreProblemsNamingTheField() {
    new FleetFixture(dataSource).server("wv-bad-1").insert();
    Instant week = Instant.now().plus(Duration.ofDays(7));
    String[][] cases = {
      {waiver("no-such-policy", "\"server\": \"wv-bad-1\"", "r", week), "policy: no policy named"},
      {waiver("restore-ready", "\"server\": \"nobody\"", "r", week), "server: no server named"},
      {
        waiver(
            "restore-ready",
            "\"server\": \"wv-bad-1\", \"selector\": {\"osFamily\": [\"debian\"]}",
            "r",
            week),
        "server: give either server"
      },
      {waiver("restore-ready", "\"selector\": null", "r", week), "server: give either server"},
      {waiver("restore-ready", "\"server\": \"wv-bad-1\"", " ", week), "reason: required"},
      {
        waiver("restore-ready", "\"server\": \"wv-bad-1\"", "r", Instant.now().minusSeconds(60)),
        "expiresAt: must be in the future"
      },
      {
        waiver(
            "restore-ready",
            "\"server\": \"wv-bad-1\"",
            "r",
            Instant.now().plus(Duration.ofDays(400))),
        "expiresAt: at most PT8760H"
      },
      {
        waiver(
            "restore-ready",
            "\"selector\": {\"labels\": {\"env\": \"prod\"}, \"os\": \"x\"}",
            "r",
            week),
        "selector.os: unknown field"
      },
      {
        "{\"policy\": \"restore-ready\", \"server\": \"wv-bad-1\", \"reason\": \"r\", \"expiresAt\": \"tomorrow\"}",
        "expiresAt: must be an ISO-8601 instant"
      },
    };
    for (String[] c : cases) {
      operator()
          .contentType("application/json")
          .body(c[0])
          .post(BASE)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", startsWith(c[1]));
    }
    operator().get(BASE + "/999999999").then().statusCode(404);
    operator().get(BASE + "/abc").then().statusCode(404);
    operator()
        .get(BASE + "?state=sleeping")
        .then()
        .statusCode(400)
        .body("detail", startsWith("state"));
    operator().get("/api/v1/audit?entity=server").then().statusCode(400);
  }

  @Test
  void theAuditTrailIsNewestFirstAndPaginated() {
    for (int i = 0; i < 3; i++) {
      create(
          waiver(
              "restore-ready",
              "\"selector\": {\"hostname\": \"audit-" + i + "-*\"}",
              "paging " + i,
              Instant.now().plus(Duration.ofDays(1))));
    }
    JsonPath first =
        operator()
            .get("/api/v1/audit?entity=waiver&limit=2")
            .then()
            .statusCode(200)
            .body("next", notNullValue())
            .extract()
            .jsonPath();
    long newest = first.getLong("items[0].id");
    long second = first.getLong("items[1].id");
    assertThat(newest).isGreaterThan(second);
    assertThat(first.getList("items.after.reason", String.class))
        .containsExactly("paging 2", "paging 1");
    JsonPath next =
        operator()
            .queryParam("after", first.getString("next"))
            .get("/api/v1/audit?entity=waiver&limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(next.getLong("items[0].id")).isLessThan(second);
    assertThat(next.getString("items[0].after.reason")).isEqualTo("paging 0");
    assertThat(next.getString("items[0].entity")).isEqualTo("waiver");
  }

  static String issue(String name, String role) {
    return operator()
        .contentType("application/json")
        .body("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
        .post("/api/v1/tokens")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  static io.restassured.specification.RequestSpecification as(String token) {
    return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token);
  }

  @Test
  void viewersReadPoliciesAndWaiversAndAnOperatorTokenIsTheAuthor() {
    new FleetFixture(dataSource).server("wv-roles-1").insert();
    String viewer = issue("wv-viewer", "viewer");
    String admin = issue("wv-ops", "admin");
    for (String path :
        new String[] {
          PoliciesTest.BASE, BASE, "/api/v1/audit", "/api/v1/servers/wv-roles-1/policies"
        }) {
      as(viewer).get(path).then().statusCode(200);
    }
    as(viewer)
        .contentType("application/json")
        .body(PoliciesTest.TLS_JSON.formatted("viewer-made"))
        .post(PoliciesTest.BASE)
        .then()
        .statusCode(403);
    as(viewer).delete(PoliciesTest.BASE + "/restore-ready").then().statusCode(403);
    String body =
        waiver(
            "restore-ready",
            "\"server\": \"wv-roles-1\"",
            "by ops",
            Instant.now().plusSeconds(3600));
    as(viewer).contentType("application/json").body(body).post(BASE).then().statusCode(403);

    int id =
        as(admin)
            .contentType("application/json")
            .body(body)
            .post(BASE)
            .then()
            .statusCode(201)
            .body("author", equalTo("wv-ops"))
            .extract()
            .path("id");
    as(viewer).delete(BASE + "/" + id).then().statusCode(403);
    operator()
        .get("/api/v1/audit?entity=waiver&entityId=" + id)
        .then()
        .statusCode(200)
        .body("items[0].actor", equalTo("wv-ops"));
  }

  @Test
  void waiversAndTheAuditTrailAnswerCsv() {
    for (int i = 0; i < 3; i++) {
      create(
          waiver(
              "mounts-covered",
              "\"selector\": {\"hostname\": \"csv-" + i + "-*\"}",
              "csv, \\\"quoted\\\" " + i,
              Instant.now().plus(Duration.ofDays(1))));
    }
    List<List<String>> waivers = PolicyEvaluationTest.csv(BASE + "?policy=mounts-covered&limit=1");
    assertThat(waivers.get(0)).startsWith("id", "policy", "server", "selector", "reason");
    assertThat(waivers.stream().skip(1).map(r -> r.get(4)))
        .contains("csv, \"quoted\" 0", "csv, \"quoted\" 2");
    List<List<String>> audit = PolicyEvaluationTest.csv("/api/v1/audit?entity=waiver&limit=1");
    assertThat(audit.get(0)).startsWith("id", "at", "actor", "entity", "entityId", "action");
    assertThat(audit.size()).isGreaterThanOrEqualTo(4);
    assertThat(audit.stream().skip(1).map(r -> r.get(3))).containsOnly("waiver");
  }
}
