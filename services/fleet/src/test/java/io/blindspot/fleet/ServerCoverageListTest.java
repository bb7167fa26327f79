package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The servers listing with the coverage columns: readiness, score, the filter and the sort. */
@QuarkusTest
class ServerCoverageListTest {

  private static final String BASE = "/api/v1/servers";

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  /**
   * rank-a 40 NOT_RESTORABLE, rank-b 80 AT_RISK, rank-c 40 NOT_RESTORABLE, rank-d 100, rank-e none.
   */
  private void fleet() {
    FleetFixture db = new FleetFixture(dataSource);
    if (db.count("SELECT count(*) FROM servers WHERE hostname LIKE 'rank-%'") > 0) {
      return;
    }
    CoverageFixture fixture = new CoverageFixture(db, json);
    Object[][] servers = {
      {"rank-a", "NOT_RESTORABLE", 40},
      {"rank-b", "AT_RISK", 80},
      {"rank-c", "NOT_RESTORABLE", 40},
      {"rank-d", "READY", 100},
      {"rank-e", null, null}
    };
    for (Object[] server : servers) {
      String hostname = (String) server[0];
      UUID id = db.server(hostname).insert();
      if (server[1] != null) {
        CoverageDocument document =
            new CoverageDocument(
                hostname,
                (String) server[1],
                (Integer) server[2],
                Instant.now(),
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                List.of());
        fixture.coverage(id, document, Instant.now(), Instant.now());
      }
    }
  }

  @Test
  void itemsCarryReadinessAndScore() {
    fleet();
    operator()
        .queryParam("hostname", "rank-a")
        .get(BASE)
        .then()
        .statusCode(200)
        .body("items[0].readiness", equalTo("NOT_RESTORABLE"))
        .body("items[0].score", equalTo(40));
    operator()
        .queryParam("hostname", "rank-e")
        .get(BASE)
        .then()
        .statusCode(200)
        .body("items[0].readiness", equalTo(null))
        .body("items[0].score", equalTo(null));
    operator()
        .get(BASE + "/rank-b")
        .then()
        .statusCode(200)
        .body("readiness", equalTo("AT_RISK"))
        .body("score", equalTo(80));
  }

  @Test
  void readinessFilters() {
    fleet();
    assertThat(hostnames("readiness", "NOT_RESTORABLE")).containsExactly("rank-a", "rank-c");
    assertThat(hostnames("readiness", "at_risk,READY")).containsExactly("rank-b", "rank-d");
  }

  @Test
  void sortByScorePagesWorstFirstThenTheUnevaluated() {
    fleet();
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      var request = operator().queryParam("hostname", "rank-").queryParam("sort", "score");
      request.queryParam("limit", 2);
      if (after != null) {
        request.queryParam("after", after);
      }
      JsonPath page = request.get(BASE).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("items.hostname"));
      after = page.getString("next");
      pages++;
    } while (after != null);
    assertThat(seen).containsExactly("rank-a", "rank-c", "rank-b", "rank-d", "rank-e");
    assertThat(pages).isEqualTo(3);
    // a hostname cursor is not a score cursor
    String byHostname =
        operator()
            .queryParam("hostname", "rank-")
            .queryParam("limit", 1)
            .get(BASE)
            .then()
            .extract()
            .jsonPath()
            .getString("next");
    operator()
        .queryParam("sort", "score")
        .queryParam("after", byHostname)
        .get(BASE)
        .then()
        .statusCode(400)
        .body("detail", startsWith("after: not a cursor"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "readiness|BROKEN|readiness: unknown value 'BROKEN'",
        "sort|age|sort: unknown value 'age'"
      })
  void badParametersAreNamed(String parameter, String value, String detail) {
    operator()
        .queryParam(parameter, value)
        .get(BASE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith(detail));
  }

  private static List<String> hostnames(String parameter, String value) {
    return operator()
        .queryParam("hostname", "rank-")
        .queryParam(parameter, value)
        .get(BASE)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.hostname");
  }
}
