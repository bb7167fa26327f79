package io.blindspot.fleet;

import static io.restassured.RestAssured.given;

import io.blindspot.testsupport.OpenApiContract;
import io.blindspot.testsupport.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OpenApiContractTest {

  @Test
  void committedSpecIsWhatTheServiceServes() {
    String served =
        given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
    OpenApiContract.assertMatchesCommitted("fleet", served);
  }
}
