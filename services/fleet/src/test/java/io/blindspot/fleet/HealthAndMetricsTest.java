package io.blindspot.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.blindspot.fleet.servers.api.ServerGauges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

  @Inject DataSource dataSource;
  @Inject ServerGauges gauges;

  @Test
  void readyWhenTheDatabaseAnswers() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void fleetGaugesCountServersByFamilyAndSilence() {
    FleetFixture db = new FleetFixture(dataSource);
    for (int i = 0; i < 3; i++) {
      db.server("gauge-" + i)
          .os("gaugeos", "gaugefamily", "Gauge OS", "1")
          .lastSeenAt(i == 0 ? Instant.now().minus(Duration.ofDays(2)) : Instant.now())
          .insert();
    }
    gauges.refresh();
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("blindspot_servers{os_family=\"gaugefamily\"} 3.0");
    long notSeen =
        db.count(
            "SELECT count(*) FROM servers WHERE last_seen_at IS NULL"
                + " OR last_seen_at < now() - interval '24 hours'");
    assertThat(metrics).contains("blindspot_servers_not_seen{threshold=\"24h\"} " + notSeen + ".0");
  }
}
