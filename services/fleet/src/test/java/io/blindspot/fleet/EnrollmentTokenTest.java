package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.blindspot.core.tokens.TokenDigest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class EnrollmentTokenTest {

  private static final String BASE = "/api/v1/enrollment-tokens";

  @Inject DataSource dataSource;

  @Test
  void issuesATokenShownOnceAndStoresOnlyItsDigest() {
    Instant before = Instant.now();
    JsonPath issued =
        operator()
            .contentType("application/json")
            .body(
                "{\"description\": \"web tier\", \"labels\": {\"env\": \"prod\", \"team\": \"web\"}}")
            .post(BASE)
            .then()
            .statusCode(201)
            .header("Location", containsString(BASE + "/"))
            .body("token", startsWith("bse_"))
            .body("description", equalTo("web tier"))
            .body("labels.env", equalTo("prod"))
            .extract()
            .jsonPath();
    String id = issued.getString("id");
    String secret = issued.getString("token");
    Instant expiresAt = Instant.parse(issued.getString("expiresAt"));
    assertThat(expiresAt)
        .isBetween(
            before.plus(Duration.ofDays(7)).minusSeconds(1),
            Instant.now().plus(Duration.ofDays(7)));

    FleetFixture db = new FleetFixture(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM enrollment_tokens WHERE token_hash = ?",
                TokenDigest.sha256(secret)))
        .isEqualTo(1);

    JsonPath list = operator().get(BASE).then().statusCode(200).extract().jsonPath();
    Map<String, Object> listed = list.getMap("items.find { it.id == '" + id + "' }");
    assertThat(listed)
        .containsEntry("description", "web tier")
        .containsEntry("usedCount", 0)
        .containsEntry("revokedAt", null)
        .containsKeys("createdAt", "expiresAt", "labels")
        .doesNotContainKey("token");
    assertThat(list.prettify()).doesNotContain(secret);
  }

  @Test
  void expiryFromDurationOrInstant() {
    Instant at =
        Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    operator()
        .contentType("application/json")
        .body("{\"expiresAt\": \"" + at + "\"}")
        .post(BASE)
        .then()
        .statusCode(201)
        .body("expiresAt", equalTo(at.toString()))
        .body("labels", equalTo(Map.of()))
        .body("description", nullValue());
    String expiresAt =
        operator()
            .contentType("application/json")
            .body("{\"expiresIn\": \"PT1H\"}")
            .post(BASE)
            .then()
            .statusCode(201)
            .extract()
            .path("expiresAt");
    assertThat(Duration.between(Instant.now(), Instant.parse(expiresAt)))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
  }

  @Test
  void anEmptyBodyGetsTheDefaults() {
    operator()
        .contentType("application/json")
        .post(BASE)
        .then()
        .statusCode(201)
        .body("token", startsWith("bse_"));
    // As `curl -X POST` sends it: no body, no Content-Type.
    operator().noContentType().post(BASE).then().statusCode(201).body("token", startsWith("bse_"));
  }

  @Test
  void revokingKeepsTheTokenListedAsRevoked() {
    String id =
        operator()
            .contentType("application/json")
            .body("{\"description\": \"to revoke\"}")
            .post(BASE)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    operator().delete(BASE + "/" + id).then().statusCode(204);
    String revokedAt =
        operator()
            .get(BASE)
            .then()
            .statusCode(200)
            .extract()
            .path("items.find { it.id == '" + id + "' }.revokedAt");
    assertThat(revokedAt).isNotNull();
    // Again: harmless, and the first revocation time stays.
    operator().delete(BASE + "/" + id).then().statusCode(204);
    assertThat(
            (String)
                operator()
                    .get(BASE)
                    .then()
                    .extract()
                    .path("items.find { it.id == '" + id + "' }.revokedAt"))
        .isEqualTo(revokedAt);
  }

  @Test
  void revokingAnUnknownTokenIsNotFound() {
    operator()
        .delete(BASE + "/1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    operator()
        .delete(BASE + "/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"expiresIn\": \"7 days\"}|expiresIn: must be an ISO-8601 duration",
        "{\"expiresIn\": \"-P1D\"}|expiresIn: must be a positive duration",
        "{\"expiresIn\": \"P400D\"}|expiresIn: must be at most P366D",
        "{\"expiresAt\": \"tomorrow\"}|expiresAt: must be an ISO-8601 instant",
        "{\"expiresAt\": \"2001-01-01T00:00:00Z\"}|expiresAt: must be in the future",
        "{\"expiresIn\": \"P1D\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}|expiresAt: give either",
        "{\"labels\": {\"bad key\": \"x\"}}|labels: label key 'bad key'",
        "{\"labels\": {\"a:b\": \"x\"}}|labels: label key 'a:b'",
        "{\"labels\": {\"env\": null}}|labels: values must be strings",
        "{\"labels\": [\"env\"]}|malformed JSON: labels",
        "{\"description\": |malformed JSON"
      })
  void badRequestsNameTheField(String body, String detail) {
    operator()
        .contentType("application/json")
        .body(body)
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("detail", startsWith(detail));
  }

  @Test
  void tooLongDescriptionIsAViolation() {
    List<Map<String, String>> violations =
        operator()
            .contentType("application/json")
            .body("{\"description\": \"" + "x".repeat(1001) + "\"}")
            .post(BASE)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .path("violations");
    assertThat(violations).extracting(v -> v.get("field")).containsExactly("description");
  }
}
