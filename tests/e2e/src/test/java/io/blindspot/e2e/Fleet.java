package io.blindspot.e2e;

import static io.restassured.RestAssured.given;

import io.blindspot.e2e.BlindspotStack.Running;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The operator's side: the fleet API with the admin token. */
final class Fleet {

  private final Running stack;

  Fleet(Running stack) {
    this.stack = stack;
  }

  RequestSpecification api() {
    return given().baseUri(stack.fleet().toString()).auth().oauth2(stack.adminToken());
  }

  String newEnrollmentToken() {
    return api()
        .contentType("application/json")
        .body("{\"description\": \"e2e\"}")
        .post("/api/v1/enrollment-tokens")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("token");
  }

  JsonPath server(String hostname) {
    return api()
        .get("/api/v1/servers/{hostname}", hostname)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  JsonPath packages(String hostname) {
    return api()
        .get("/api/v1/servers/{hostname}/packages", hostname)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** An agent for a fake root, enrolled with a fresh enrollment token. */
  Agent enrolled(Agent agent) {
    Agent.Result enroll = agent.enroll(stack.ingest().toString(), newEnrollmentToken());
    if (enroll.exitCode() != 0) {
      throw new AssertionError("enroll failed: " + enroll);
    }
    return agent;
  }
}
