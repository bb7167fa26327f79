package io.blindspot.fleet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.blindspot.core.tokens.AgentToken;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuthenticationTest {

  private static final String PROBLEM = "application/problem+json";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/servers",
        "/api/v1/servers/web-01",
        "/api/v1/servers/web-01/packages",
        "/api/v1/servers/web-01/packages/history",
        "/api/v1/packages?name=openssl",
        "/api/v1/servers/web-01/backups",
        "/api/v1/servers/web-01/coverage",
        "/api/v1/servers/web-01/coverage/history",
        "/api/v1/servers/web-01/rebuild-plan",
        "/api/v1/knowledge/services",
        "/api/v1/enrollment-tokens",
        "/api/v1/no-such-endpoint"
      })
  void everyOperatorEndpointWantsTheAdminToken(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("status", equalTo(401))
        .body("detail", containsString("Authorization"));
    given()
        .header("Authorization", "Bearer " + AgentToken.issue(UUID.randomUUID()).token())
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("detail", containsString("agent tokens"));
    given()
        .header("Authorization", "Bearer not-the-admin-token")
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("detail", equalTo("unknown bearer token"));
    given()
        .header("Authorization", "Bearer")
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("detail", equalTo("empty bearer token"));
    given()
        .header("Authorization", "Basic " + Operator.ADMIN_TOKEN)
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "DELETE", "PATCH"})
  void writesAreRefusedToo(String method) {
    String path = method.equals("POST") ? "/api/v1/enrollment-tokens" : "/api/v1/servers/web-01";
    given()
        .contentType("application/json")
        .body("{}")
        .request(method, path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi"})
  void operationalEndpointsArePublic(String path) {
    given().get(path).then().statusCode(200);
  }
}
