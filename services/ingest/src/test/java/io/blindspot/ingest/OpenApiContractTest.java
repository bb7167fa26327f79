package io.blindspot.ingest;

import static io.restassured.RestAssured.given;

import io.blindspot.testsupport.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiContractTest {

  @Test
  void committedSpecIsWhatTheServiceServes() {
    String served =
        given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
    OpenApiContract.assertMatchesCommitted("ingest", served);
  }
}
