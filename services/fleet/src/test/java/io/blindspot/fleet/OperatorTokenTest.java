package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.auth.application.OperatorAuthenticator;
import io.blindspot.fleet.tokens.application.OperatorCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class OperatorTokenTest {

  private static final String BASE = "/api/v1/tokens";
  private static final String PROBLEM = "application/problem+json";

  @Inject DataSource dataSource;
  @Inject OperatorCredentials credentials;
  @Inject OperatorAuthenticator authenticator;

  @Test
  void issuesATokenShownOnceAndStoresOnlyItsDigest() {
    String name = unique("grafana");
    JsonPath issued =
        operator()
            .contentType("application/json")
            .body("{\"name\": \"" + name + "\", \"role\": \"viewer\"}")
            .post(BASE)
            .then()
            .statusCode(201)
            .header("Location", containsString(BASE + "/"))
            .body("name", equalTo(name))
            .body("role", equalTo("viewer"))
            .body("token", matchesPattern("bso_[A-Za-z0-9_-]{43}"))
            .body("createdAt", notNullValue())
            .extract()
            .jsonPath();
    String id = issued.getString("id");
    String secret = issued.getString("token");

    FleetFixture db = new FleetFixture(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM operator_tokens WHERE token_id = ?::uuid AND token_hash = ?",
                id,
                TokenDigest.sha256(secret)))
        .isEqualTo(1);
    // Nowhere in the row, nor in the audit trail, is the secret itself.
    assertThat(
            db.count(
                "SELECT count(*) FROM operator_tokens t WHERE position(? in t::text) > 0"
                    + " OR position(convert_to(?, 'UTF8') in t.token_hash) > 0",
                secret,
                secret))
        .isZero();
    assertThat(
            db.count("SELECT count(*) FROM audit_trail a WHERE position(? in a::text) > 0", secret))
        .isZero();
    assertThat(
            db.count(
                "SELECT count(*) FROM audit_trail WHERE entity = 'token' AND entity_id = ?"
                    + " AND action = 'create' AND actor = 'admin' AND before IS NULL"
                    + " AND after->>'name' = ? AND after->>'role' = 'viewer'",
                id,
                name))
        .isEqualTo(1);

    JsonPath list = operator().get(BASE).then().statusCode(200).extract().jsonPath();
    Map<String, Object> listed = list.getMap("items.find { it.id == '" + id + "' }");
    assertThat(listed)
        .containsEntry("name", name)
        .containsEntry("role", "viewer")
        .containsEntry("createdBy", "admin")
        .containsEntry("lastUsedAt", null)
        .containsEntry("revokedAt", null)
        .containsKey("createdAt")
        .doesNotContainKey("token");
    assertThat(list.prettify()).doesNotContain(secret);
    String shown = operator().get(BASE + "/" + id).then().statusCode(200).extract().asString();
    assertThat(shown).contains(name).doesNotContain(secret).doesNotContain("\"token\"");
  }

  @Test
  void viewerReadsEverythingAndChangesNothing() {
    String viewer = issue(unique("viewer"), "viewer");
    for (String path :
        new String[] {
          "/api/v1/servers", "/api/v1/enrollment-tokens", BASE, "/api/v1/knowledge/services"
        }) {
      as(viewer).get(path).then().statusCode(200);
    }
    as(viewer).head("/api/v1/servers").then().statusCode(200);
    String hostname = unique("viewed");
    new FleetFixture(dataSource).server(hostname).insert();
    as(viewer).get("/api/v1/servers/" + hostname).then().statusCode(200);

    as(viewer)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/enrollment-tokens")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("status", equalTo(403))
        .body("title", equalTo("Forbidden"))
        .body("detail", containsString("viewer"));
    as(viewer)
        .contentType("application/merge-patch+json")
        .body("{\"labels\": {\"env\": \"prod\"}}")
        .patch("/api/v1/servers/" + hostname)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as(viewer)
        .contentType("application/json")
        .body("{\"name\": \"" + unique("sneaky") + "\", \"role\": \"admin\"}")
        .post(BASE)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as(viewer).delete("/api/v1/servers/" + hostname).then().statusCode(403);
    as(viewer).delete("/api/v1/no-such-endpoint").then().statusCode(403);
    // Nothing changed.
    operator()
        .get("/api/v1/servers/" + hostname)
        .then()
        .statusCode(200)
        .body("labels.env", nullValue());
  }

  @Test
  void anAdminOperatorTokenWritesAndIsTheAuditActor() {
    String adminName = unique("alice");
    String admin = issue(adminName, "admin");
    String hostname = unique("written");
    new FleetFixture(dataSource).server(hostname).insert();
    as(admin)
        .contentType("application/merge-patch+json")
        .body("{\"labels\": {\"env\": \"prod\"}}")
        .patch("/api/v1/servers/" + hostname)
        .then()
        .statusCode(200)
        .body("labels.env", equalTo("prod"));
    as(admin)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/enrollment-tokens")
        .then()
        .statusCode(201);
    String issuedName = unique("issued-by-alice");
    String id =
        as(admin)
            .contentType("application/json")
            .body("{\"name\": \"" + issuedName + "\", \"role\": \"viewer\"}")
            .post(BASE)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    operator().get(BASE + "/" + id).then().statusCode(200).body("createdBy", equalTo(adminName));
    as(admin).delete(BASE + "/" + id).then().statusCode(204);
    FleetFixture db = new FleetFixture(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM audit_trail WHERE entity = 'token' AND entity_id = ?"
                    + " AND actor = ? AND action IN ('create', 'revoke')",
                id,
                adminName))
        .isEqualTo(2);
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceAndStaysListed() {
    String name = unique("ci");
    JsonPath issued = issueJson(name, "admin");
    String id = issued.getString("id");
    String secret = issued.getString("token");
    as(secret).get("/api/v1/servers").then().statusCode(200);

    operator().delete(BASE + "/" + id).then().statusCode(204);
    as(secret)
        .get("/api/v1/servers")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("detail", containsString("revoked"));
    // Also after the periodic reload from the database, not only from this instance's own change.
    credentials.reload();
    as(secret).get("/api/v1/servers").then().statusCode(401);
    assertThat(authenticator.authenticate(secret)).isEmpty();

    operator().delete(BASE + "/" + id).then().statusCode(204); // harmless again
    operator()
        .get(BASE + "/" + id)
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue())
        .body("lastUsedAt", notNullValue());
    FleetFixture db = new FleetFixture(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM audit_trail WHERE entity = 'token' AND entity_id = ?"
                    + " AND action = 'revoke' AND before->>'revokedAt' IS NULL"
                    + " AND after->>'revokedAt' IS NOT NULL",
                id))
        .isEqualTo(1);
    // The name is free again once its token is revoked.
    issue(name, "viewer");
  }

  @Test
  void aTokenRevokedElsewhereStopsAtTheNextReload() {
    JsonPath issued = issueJson(unique("elsewhere"), "viewer");
    String secret = issued.getString("token");
    as(secret).get("/api/v1/servers").then().statusCode(200);
    // What another fleet instance's revocation looks like from here: only the row changes.
    new FleetFixture(dataSource)
        .update(
            "UPDATE operator_tokens SET revoked_at = now() WHERE token_id = ?::uuid",
            issued.getString("id"));
    credentials.reload();
    as(secret).get("/api/v1/servers").then().statusCode(401);
  }

  @Test
  void unknownOperatorTokensAreRefused() {
    as(TokenDigest.newSecret("bso_"))
        .get("/api/v1/servers")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("detail", equalTo("unknown bearer token"));
    assertThat(authenticator.authenticate("bso_nope")).isEmpty();
    assertThat(authenticator.authenticate("")).isEmpty();
    assertThat(authenticator.authenticate(null)).isEmpty();
    assertThat(authenticator.authenticate(Operator.ADMIN_TOKEN)).contains(Caller.BOOTSTRAP_ADMIN);
  }

  @Test
  void theAuthenticatorNamesTheOperator() {
    String name = unique("dash");
    String secret = issue(name, "viewer");
    assertThat(authenticator.authenticate(secret)).contains(new Caller(name, Caller.Role.VIEWER));
  }

  @Test
  void duplicateActiveNamesConflict() {
    String name = unique("twice");
    issue(name, "viewer");
    operator()
        .contentType("application/json")
        .body("{\"name\": \"" + name + "\", \"role\": \"admin\"}")
        .post(BASE)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString(name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"role\": \"viewer\"}|name: required",
        "{\"name\": \"  \", \"role\": \"viewer\"}|name: required",
        "{\"name\": \"has space\", \"role\": \"viewer\"}|name: 1 to 64",
        "{\"name\": \"-dash\", \"role\": \"viewer\"}|name: 1 to 64",
        "{\"name\": \"admin\", \"role\": \"viewer\"}|name: 'admin' is the bootstrap",
        "{\"name\": \"ok\"}|role: required",
        "{\"name\": \"ok\", \"role\": \"root\"}|role: must be \"viewer\" or \"admin\"",
        "{\"name\": \"ok\", \"role\": \"viewer\"|malformed JSON",
        "|body: expected"
      })
  void badRequestsNameTheField(String body, String detail) {
    RequestSpecification request = operator().contentType("application/json");
    if (body != null) {
      request.body(body);
    }
    request
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString(detail));
  }

  @Test
  void unknownIdsAre404() {
    operator().get(BASE + "/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    operator().get(BASE + "/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    operator().delete(BASE + "/" + UUID.randomUUID()).then().statusCode(404);
  }

  private String issue(String name, String role) {
    return issueJson(name, role).getString("token");
  }

  private static JsonPath issueJson(String name, String role) {
    return operator()
        .contentType("application/json")
        .body("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
        .post(BASE)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
