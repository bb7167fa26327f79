package io.blindspot.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

  @Inject DataSource db;

  @Test
  void uploadsAreCountedSizedAndTimed() {
    Agent agent = TestAgents.enroll(db);
    for (int i = 0; i < 2; i++) {
      given()
          .header("Authorization", agent.bearer())
          .contentType("text/x-apk-installed")
          .body(Samples.APK_INSTALLED)
          .put("/api/v1/agent/packages")
          .then()
          .statusCode(i == 0 ? 201 : 200);
    }
    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-apk-installed")
        .body("no colon here\n")
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(400);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern(
            "blindspot_uploads_total\\{[^}]*format=\"text/x-apk-installed\",kind=\"packages\","
                + "outcome=\"stored\"[^}]*} [1-9]")
        .containsPattern(
            "blindspot_uploads_total\\{[^}]*format=\"text/x-apk-installed\",kind=\"packages\","
                + "outcome=\"unchanged\"[^}]*} [1-9]")
        .containsPattern(
            "blindspot_uploads_total\\{[^}]*format=\"text/x-apk-installed\",kind=\"packages\","
                + "outcome=\"rejected\"[^}]*} [1-9]")
        .containsPattern(
            "blindspot_upload_bytes_count\\{[^}]*format=\"text/x-apk-installed\",kind=\"packages\"[^}]*} [1-9]")
        .containsPattern("blindspot_upload_bytes_sum\\{[^}]*kind=\"packages\"[^}]*} [1-9]")
        .containsPattern(
            "blindspot_parse_seconds_count\\{[^}]*format=\"text/x-apk-installed\"[^}]*} [1-9]");
  }
}
