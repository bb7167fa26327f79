package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentAuthenticationTest {

  @Inject DataSource db;

  @Test
  void uploadsWithoutAValidAgentTokenAreRefused() {
    String[] authorizations = {
      null,
      "Basic dXNlcjpwYXNz",
      "Bearer ",
      "Bearer not-a-token",
      "Bearer test-admin-token", // the admin token is not an agent token
      "Bearer bsa_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    };
    for (String authorization : authorizations) {
      for (String path : new String[] {"/api/v1/agent/inventory", "/api/v1/agent/packages"}) {
        var request = given().contentType(ContentType.JSON).body(Samples.INVENTORY);
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        request
            .put(path)
            .then()
            .statusCode(401)
            .contentType("application/problem+json")
            .header("WWW-Authenticate", startsWith("Bearer"))
            .body("status", equalTo(401));
      }
    }
  }

  @Test
  void aTokenWritesOnlyItsOwnServer() {
    Agent a = TestAgents.enroll(db);
    Agent b = TestAgents.enroll(db);

    // The body names b's machine, but the server comes from the token: the data lands on a.
    String claimsToBeB = Samples.INVENTORY.replace("4c4c4544...", "machine-of-b");
    given()
        .header("Authorization", a.bearer())
        .contentType(ContentType.JSON)
        .body(claimsToBeB)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    given()
        .header("Authorization", a.bearer())
        .contentType("text/x-dpkg-status")
        .body(Samples.DPKG_SMALL)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(201);

    assertThat(
            count(db, "SELECT count(*) FROM inventory_snapshots WHERE server_id = ?", a.serverId()))
        .isOne();
    assertThat(
            count(db, "SELECT count(*) FROM package_snapshots WHERE server_id = ?", a.serverId()))
        .isOne();
    for (String table :
        new String[] {
          "inventory_snapshots",
          "package_snapshots",
          "uploads",
          "server_reports",
          "installed_packages"
        }) {
      assertThat(count(db, "SELECT count(*) FROM " + table + " WHERE server_id = ?", b.serverId()))
          .as(table)
          .isZero();
    }
  }

  @Test
  void aTokenNamingAnotherServerWithItsOwnSecretIsRefused() {
    Agent a = TestAgents.enroll(db);
    Agent b = TestAgents.enroll(db);
    String secretOfA = a.token().substring(a.token().lastIndexOf('_') + 1);
    String tampered = "bsa_" + b.serverId().toString().replace("-", "") + "_" + secretOfA;

    given()
        .header("Authorization", "Bearer " + tampered)
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(401);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM uploads WHERE server_id IN (?, ?)",
                a.serverId(),
                b.serverId()))
        .isZero();
  }
}
