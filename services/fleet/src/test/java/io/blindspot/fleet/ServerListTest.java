package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ServerListTest {

  private static final String BASE = "/api/v1/servers";

  @Inject DataSource dataSource;

  @Test
  void pagesThroughTheWholeFleetWithoutGapsOrDuplicates() {
    FleetFixture db = new FleetFixture(dataSource);
    db.update(
        """
        INSERT INTO servers (server_id, hostname, machine_id, labels, agent_token_hash, os_family)
        SELECT gen_random_uuid(), 'page-' || lpad(i::text, 4, '0'), 'page-machine-' || i,
               '{"batch": "paging"}'::jsonb, sha256(i::text::bytea), 'debian'
          FROM generate_series(1, 250) AS i
        """);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      expected.add("page-%04d".formatted(i));
    }

    // Filtered to the batch: exactly the 250, in order, in pages of 100, 100, 50.
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String after = null;
    do {
      JsonPath page =
          operator()
              .queryParam("label", "batch:paging")
              .queryParam("after", after == null ? "" : after)
              .get(BASE)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<String> hostnames = page.getList("items.hostname");
      pageSizes.add(hostnames.size());
      seen.addAll(hostnames);
      after = page.getString("next");
    } while (after != null);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pageSizes).containsExactly(100, 100, 50);

    // Unfiltered, small pages: every server of the database exactly once, strictly by hostname.
    List<String> all = new ArrayList<>();
    after = null;
    do {
      var request = operator().queryParam("limit", 37);
      if (after != null) {
        request.queryParam("after", after);
      }
      JsonPath page = request.get(BASE).then().statusCode(200).extract().jsonPath();
      all.addAll(page.getList("items.hostname"));
      after = page.getString("next");
    } while (after != null);
    assertThat(all).doesNotHaveDuplicates().isSorted().containsAll(expected);
    assertThat((long) all.size()).isEqualTo(db.count("SELECT count(*) FROM servers"));
  }

  @Test
  void lastPageEndingOnTheLimitHasNoNext() {
    FleetFixture db = new FleetFixture(dataSource);
    for (int i = 0; i < 4; i++) {
      db.server("exact-" + i).labels(Map.of("batch", "exact")).insert();
    }
    JsonPath first =
        operator()
            .queryParam("label", "batch:exact")
            .queryParam("limit", 2)
            .get(BASE)
            .then()
            .extract()
            .jsonPath();
    assertThat(first.getList("items.hostname")).containsExactly("exact-0", "exact-1");
    JsonPath second =
        operator()
            .queryParam("label", "batch:exact")
            .queryParam("limit", 2)
            .queryParam("after", first.getString("next"))
            .get(BASE)
            .then()
            .extract()
            .jsonPath();
    assertThat(second.getList("items.hostname")).containsExactly("exact-2", "exact-3");
    assertThat(second.getString("next")).isNull();
  }

  @Test
  void filtersCombine() {
    FleetFixture db = new FleetFixture(dataSource);
    Instant now = Instant.now();
    db.server("flt-db-1")
        .labels(Map.of("env", "prod", "role", "db", "suite", "filters"))
        .os("debian", "debian", "Debian GNU/Linux", "12")
        .kernel("6.1.0-26-amd64", "x86_64")
        .lastSeenAt(now.minus(Duration.ofMinutes(5)))
        .insert();
    db.server("flt-web-1")
        .labels(Map.of("env", "prod", "role", "web", "suite", "filters"))
        .os("rocky", "rhel", "Rocky Linux", "9.4")
        .lastSeenAt(now.minus(Duration.ofHours(30)))
        .insert();
    db.server("flt-web-2")
        .labels(Map.of("env", "staging", "suite", "filters"))
        .agentLabels(Map.of("role", "web", "env", "agent-says-dev"))
        .os("gentoo", "gentoo", "Gentoo", "2.17")
        .insert();

    assertThat(hostnames(Map.of("label", List.of("suite:filters", "env:prod"))))
        .containsExactly("flt-db-1", "flt-web-1");
    // Agent labels count, but the operator's win on a clash.
    assertThat(hostnames(Map.of("label", List.of("suite:filters", "role:web"))))
        .containsExactly("flt-web-1", "flt-web-2");
    assertThat(hostnames(Map.of("label", List.of("suite:filters", "env:agent-says-dev"))))
        .isEmpty();
    assertThat(hostnames(Map.of("label", List.of("suite:filters"), "os", List.of("rhel"))))
        .containsExactly("flt-web-1");
    assertThat(hostnames(Map.of("label", List.of("suite:filters"), "os", List.of("rocky"))))
        .containsExactly("flt-web-1");
    assertThat(hostnames(Map.of("label", List.of("suite:filters"), "notSeenFor", List.of("PT24H"))))
        .containsExactly("flt-web-1", "flt-web-2");
    assertThat(
            hostnames(
                Map.of(
                    "label", List.of("suite:filters"),
                    "seenBefore", List.of(now.minus(Duration.ofHours(1)).toString()))))
        .containsExactly("flt-web-1");
    assertThat(
            hostnames(
                Map.of(
                    "label", List.of("suite:filters"),
                    "seenAfter", List.of(now.minus(Duration.ofHours(1)).toString()))))
        .containsExactly("flt-db-1");
    assertThat(hostnames(Map.of("hostname", List.of("flt-web"))))
        .containsExactly("flt-web-1", "flt-web-2");
    // Prefixes are literal: '_' and '%' are no wildcards.
    assertThat(hostnames(Map.of("hostname", List.of("flt_")))).isEmpty();
    assertThat(hostnames(Map.of("hostname", List.of("%")))).isEmpty();

    operator()
        .queryParam("hostname", "flt-db-1")
        .get(BASE)
        .then()
        .statusCode(200)
        .body("items[0].os.id", equalTo("debian"))
        .body("items[0].os.family", equalTo("debian"))
        .body("items[0].os.name", equalTo("Debian GNU/Linux"))
        .body("items[0].os.versionId", equalTo("12"))
        .body("items[0].kernel", equalTo("6.1.0-26-amd64"))
        .body("items[0].architecture", equalTo("x86_64"))
        .body("items[0].labels.role", equalTo("db"))
        .body("items[0].serverId", startsWith(""))
        .body("items[0].enrolledAt", startsWith("20"))
        .body("items[0].lastSeenAt", startsWith("20"))
        .body("items[0].packageCount", equalTo(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "after|bm90IG91cnM|after: not a cursor this endpoint issued",
        "after|!!!|after: not a cursor this endpoint issued",
        "limit|0|limit: must be between 1 and 1000",
        "limit|1001|limit: must be between 1 and 1000",
        "limit|ten|limit: must be an integer",
        "seenBefore|yesterday|seenBefore: must be an ISO-8601 instant",
        "seenAfter|2026-13-01|seenAfter: must be an ISO-8601 instant",
        "notSeenFor|24h|notSeenFor: must be an ISO-8601 duration",
        "notSeenFor|PT0S|notSeenFor: must be a positive duration",
        "label|env|label: expected key:value",
        "label|bad key:x|label: label key 'bad key'"
      })
  void badParametersAreNamed(String parameter, String value, String detail) {
    operator()
        .queryParam(parameter, value)
        .get(BASE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith(detail))
        .body("instance", equalTo(BASE));
  }

  @Test
  void aCursorOfAnotherListingIsRefused() {
    String historyCursor =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("history\n12".getBytes());
    operator()
        .queryParam("after", historyCursor)
        .get(BASE)
        .then()
        .statusCode(400)
        .body("detail", containsString("after"));
  }

  private static List<String> hostnames(Map<String, List<String>> query) {
    var request = operator();
    query.forEach((name, values) -> request.queryParam(name, values.toArray()));
    return request.get(BASE).then().statusCode(200).extract().jsonPath().getList("items.hostname");
  }
}
