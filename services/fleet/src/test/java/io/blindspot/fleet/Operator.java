package io.blindspot.fleet;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests as an operator, with the admin token of the test profile. */
final class Operator {

  static final String ADMIN_TOKEN = "test-admin-token";

  private Operator() {}

  static RequestSpecification operator() {
    return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
  }
}
