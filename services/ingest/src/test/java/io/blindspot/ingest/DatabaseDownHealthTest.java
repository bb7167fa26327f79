package io.blindspot.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness follows PostgreSQL: with nothing listening where the database should be, DOWN. */
@QuarkusTest
@TestProfile(DatabaseDownHealthTest.UnreachableDatabase.class)
class DatabaseDownHealthTest {

  /** The datasource points at a closed port; no test database is created for this profile. */
  public static class UnreachableDatabase implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
          "quarkus.datasource.jdbc.acquisition-timeout", "2S",
          "quarkus.flyway.migrate-at-start", "false",
          "quarkus.flyway.validate-at-start", "false");
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Test
  void notReadyWithoutTheDatabase() {
    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    given().get("/q/health/live").then().statusCode(200);
  }
}
