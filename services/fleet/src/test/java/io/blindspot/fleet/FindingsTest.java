package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class FindingsTest {

  private static final String BASE = "/api/v1/findings";
  private static final String BATCH = "batch:findings";
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static boolean planted;

  @Inject DataSource dataSource;

  /**
   * Three servers: fa (debian, prod, mysql-server installed), fb (gentoo, dev), fc (debian, no
   * env); three policies of three severities; eight findings, among them a waived one whose waiver
   * expired (counts as fail), one still waived, and a message with a comma, quotes and a newline.
   */
  @BeforeEach
  void plant() {
    if (planted) {
      return;
    }
    planted = true;
    FleetFixture db = new FleetFixture(dataSource);
    ComplianceFixture c = new ComplianceFixture(db);
    UUID fa =
        db.server("qf-a")
            .labels(Map.of("batch", "findings", "env", "prod"))
            .os("debian", "debian", "Debian", "12")
            .insert();
    UUID fb =
        db.server("qf-b")
            .labels(Map.of("batch", "findings", "env", "dev"))
            .os("gentoo", "gentoo", "Gentoo", "2.17")
            .insert();
    UUID fc =
        db.server("qf-c")
            .labels(Map.of("batch", "findings"))
            .os("debian", "debian", "D", "12")
            .insert();
    db.packages(
        fa,
        FleetFixture.set(
            io.blindspot.core.packages.PackageManager.DPKG,
            FleetFixture.pkg("mysql-server", "8.0.39-1")),
        null,
        T0);
    c.policy("qf-crit", "critical");
    c.policy("qf-high", "high");
    c.policy("qf-med", "medium");
    Instant expired = Instant.now().minus(Duration.ofHours(1));
    Instant active = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    c.finding(
        fa,
        "qf-crit",
        "assets-covered",
        "/var/lib/dpkg/",
        "fail",
        null,
        "package-db",
        "dpkg db uncovered",
        T0);
    c.finding(
        fa,
        "qf-high",
        "no-uncovered",
        "/var/lib/mysql/",
        "fail",
        null,
        "service-data",
        "mysql, \"the\" data\nis uncovered",
        T0.plusSeconds(60));
    c.finding(
        fa,
        "qf-med",
        "mounts-covered",
        "/srv/",
        "waived",
        active,
        "mount",
        "srv mount",
        T0.plusSeconds(120));
    c.finding(
        fb,
        "qf-crit",
        "assets-covered",
        "/var/db/pkg/",
        "fail",
        null,
        "package-db",
        "vdb uncovered",
        T0.plusSeconds(180));
    c.finding(
        fb,
        "qf-crit",
        "assets-covered",
        "/var/lib/portage/world",
        "waived",
        expired,
        "world-set",
        "world",
        T0.plusSeconds(240));
    c.finding(
        fb,
        "qf-high",
        "fresh-backup",
        "",
        "fail",
        null,
        null,
        "nightly is stale",
        T0.plusSeconds(300));
    c.finding(fc, "qf-med", "readiness", "", "fail", null, null, "not ready", T0.plusSeconds(360));
    c.finding(
        fc,
        "qf-high",
        "path-covered",
        "/etc/ssl/private/",
        "fail",
        null,
        "config",
        "keys",
        T0.plusSeconds(420).plusMillis(250));
  }

  private static RequestSpecification batch() {
    return operator().queryParam("label", BATCH);
  }

  private static List<String> keys(JsonPath page) {
    List<String> keys = new ArrayList<>();
    List<Map<String, Object>> items = page.getList("items");
    for (Map<String, Object> item : items) {
      keys.add(item.get("hostname") + " " + item.get("policy") + " " + item.get("path"));
    }
    return keys;
  }

  private static JsonPath get(RequestSpecification request) {
    return request.get(BASE).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void listsByDefaultMostSevereFirstWithEveryField() {
    JsonPath page = get(batch());
    List<Integer> ranks = new ArrayList<>();
    for (String severity : page.<String>getList("items.severity")) {
      ranks.add(List.of("critical", "high", "medium", "low").indexOf(severity));
    }
    assertThat(ranks).hasSize(8).isSorted();
    assertThat(page.getString("next")).isNull();
    Map<String, Object> dpkg = page.getMap("items.find { it.path == '/var/lib/dpkg/' }");
    assertThat(dpkg)
        .containsEntry("hostname", "qf-a")
        .containsEntry("policy", "qf-crit")
        .containsEntry("severity", "critical")
        .containsEntry("requirement", "assets-covered")
        .containsEntry("status", "fail")
        .containsEntry("assetKind", "package-db")
        .containsEntry("assetStatus", "uncovered")
        .containsEntry("job", "nightly")
        .containsEntry("message", "dpkg db uncovered")
        .containsEntry("firstSeen", "2026-11-01T00:00:00Z")
        .containsEntry("waiver", null);
    assertThat(page.getString("items.find { it.path == '/var/lib/dpkg/' }.evidence.rule.file"))
        .isEqualTo("/etc/backup/excludes");
    assertThat(page.getInt("items.find { it.path == '/srv/' }.waiver.id")).isEqualTo(9);
    assertThat(page.getString("items.find { it.path == '/srv/' }.status")).isEqualTo("waived");
  }

  @Test
  void anExpiredWaiverCountsAsFail() {
    JsonPath page = get(batch().queryParam("status", "fail"));
    assertThat(keys(page))
        .contains("qf-b qf-crit /var/lib/portage/world")
        .doesNotContain("qf-a qf-med /srv/")
        .hasSize(7);
    assertThat(page.getString("items.find { it.path == '/var/lib/portage/world' }.waiver.until"))
        .isNotNull();
    assertThat(keys(get(batch().queryParam("status", "waived"))))
        .containsExactly("qf-a qf-med /srv/");
  }

  /**
   * The export is PostgreSQL's own CSV (COPY) while the pages are JSON from the service: the same
   * filters must select the same findings, and every cell must read as the page's field does
   * (instants to the character, the expired waiver's microseconds included).
   */
  /**
   * A package filter takes one of two forms, chosen from how many servers have the package against
   * the page size (see FindingRepository.packageCondition): pages of one walk the order's index
   * past the 120 servers' findings, a page of 1,000 probes exactly those servers. Both must list
   * the same findings in the same order.
   */
  @Test
  void aPackageFilterListsTheSameFindingsWhicheverFormItTakes() {
    FleetFixture db = new FleetFixture(dataSource);
    db.update(
        """
        INSERT INTO servers (server_id, hostname, machine_id, agent_token_hash, os_family)
        SELECT gen_random_uuid(), 'pkgform-' || lpad(i::text, 3, '0'), 'pkgform-machine-' || i,
               sha256(('pkgform' || i)::bytea), 'debian'
          FROM generate_series(1, 150) AS i
        """);
    db.update(
        """
        INSERT INTO installed_packages (server_id, package_key, manager, name, version)
        SELECT server_id, 'pkgform-db', 'dpkg', 'pkgform-db', '1.0' FROM servers
         WHERE hostname LIKE 'pkgform-%' AND substr(hostname, 9)::int <= 120
        """);
    ComplianceFixture c = new ComplianceFixture(db);
    c.policy("qf-pkgform", "high");
    db.update(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, message, first_seen)
        SELECT s.server_id, 'qf-pkgform', 'no-uncovered', p.path, 'high', 1, 'fail', 'gap', now()
          FROM servers s CROSS JOIN (VALUES ('/var/lib/pkgform/'), ('/etc/pkgform/')) AS p (path)
         WHERE s.hostname LIKE 'pkgform-%'
        """);
    db.update("ANALYZE servers"); // the form is chosen from the size of the fleet as analysed

    List<String> walked = new ArrayList<>();
    String after = null;
    do {
      RequestSpecification request =
          operator()
              .queryParam("package", "pkgform-db")
              .queryParam("pathPrefix", "/var/lib/")
              .queryParam("limit", 1);
      JsonPath page = get(after == null ? request : request.queryParam("after", after));
      walked.addAll(keys(page));
      after = page.getString("next");
    } while (after != null && walked.size() <= 200);
    List<String> probed =
        keys(
            get(
                operator()
                    .queryParam("package", "pkgform-db")
                    .queryParam("pathPrefix", "/var/lib/")
                    .queryParam("limit", 1000)));
    assertThat(probed).hasSize(120).allMatch(key -> key.endsWith(" qf-pkgform /var/lib/pkgform/"));
    assertThat(walked).isEqualTo(probed);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "label|batch:findings",
        "severity|critical",
        "label|env:prod",
        "osFamily|gentoo",
        "package|mysql-server",
        "pathPrefix|/var/lib/",
        "status|waived",
        "pathPrefix|/it's/",
        "label|note:o'brien\"; DROP TABLE findings; --"
      })
  void csvExportHasTheCellsOfThePages(String parameter, String value) throws Exception {
    RequestSpecification request =
        batch().queryParam(parameter, value).queryParam("sort", "hostname");
    List<Map<String, Object>> items = get(request.queryParam("limit", 1000)).getList("items");
    String body =
        batch()
            .queryParam(parameter, value)
            .queryParam("sort", "hostname")
            .header("Accept", "text/csv")
            .get(BASE)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<List<String>> rows = Csv.parse(body);
    assertThat(rows.get(0)).startsWith("hostname", "policy");
    ObjectMapper json = new ObjectMapper();
    List<List<Object>> expected = new ArrayList<>();
    for (Map<String, Object> item : items) {
      @SuppressWarnings("unchecked")
      Map<String, Object> waiver = (Map<String, Object>) item.get("waiver");
      List<Object> cells = new ArrayList<>();
      // the first eleven columns are the page's fields of the same names
      for (String field : rows.get(0).subList(0, 11)) {
        cells.add(item.get(field) == null ? "" : String.valueOf(item.get(field)));
      }
      cells.add(waiver == null ? "" : String.valueOf(waiver.get("id")));
      cells.add(waiver == null || waiver.get("until") == null ? "" : waiver.get("until"));
      cells.add(json.readTree(json.writeValueAsString(item.get("evidence"))));
      expected.add(cells);
    }
    List<List<Object>> exported = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      List<Object> cells = new ArrayList<>(row.subList(0, 13));
      cells.add(json.readTree(row.get(13)));
      exported.add(cells);
    }
    assertThat(exported).as(parameter + "=" + value).isEqualTo(expected);
    if (value.contains("'")) {
      assertThat(exported).isEmpty();
    } else {
      assertThat(exported).isNotEmpty();
    }
    assertThat(body).endsWith("\r\n").doesNotContain("}\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "policy|qf-crit|3",
        "policy|qf-crit,qf-med|5",
        "severity|high|3",
        "assetKind|package-db|2",
        "pathPrefix|/var/|4",
        "pathPrefix|/var/lib/|3",
        "label|env:prod|3",
        "osFamily|gentoo|3",
        "package|mysql-server|3",
        "package|nginx|0",
        "status|waived|1"
      })
  void filters(String parameter, String value, int expected) {
    JsonPath page = get(batch().queryParam(parameter, value));
    assertThat(page.getList("items")).hasSize(expected);
  }

  @Test
  void sortsEachWayAndPagesWithoutGapsOrDuplicates() {
    List<String> byHost = keys(get(batch().queryParam("sort", "hostname")));
    assertThat(byHost.stream().map(k -> k.split(" ")[0]).toList()).isSorted();
    List<String> byHostDesc =
        keys(get(batch().queryParam("sort", "hostname").queryParam("order", "desc")));
    assertThat(byHostDesc).containsExactlyElementsOf(reversed(byHost));
    List<String> byPolicy = keys(get(batch().queryParam("sort", "policy")));
    assertThat(byPolicy.stream().map(k -> k.split(" ")[1]).toList()).isSorted();
    JsonPath byFirstSeen = get(batch().queryParam("sort", "firstSeen").queryParam("order", "desc"));
    List<String> seen = byFirstSeen.getList("items.firstSeen");
    assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(seen.get(0)).isEqualTo("2026-11-01T00:07:00.250Z");

    for (String sort : List.of("severity", "hostname", "policy", "firstSeen")) {
      for (String order : List.of("asc", "desc")) {
        List<String> whole = keys(get(batch().queryParam("sort", sort).queryParam("order", order)));
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
          RequestSpecification request =
              batch().queryParam("sort", sort).queryParam("order", order).queryParam("limit", 3);
          if (after != null) {
            request.queryParam("after", after);
          }
          JsonPath page = get(request);
          paged.addAll(keys(page));
          after = page.getString("next");
          pages++;
        } while (after != null);
        assertThat(paged).as(sort + " " + order).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo(3);
      }
    }
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Test
  void exportsEveryMatchingFindingAsCsvWithQuoting() {
    String body =
        batch()
            .header("Accept", "text/csv")
            .queryParam("limit", 1)
            .get(BASE)
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .header("Content-Disposition", containsString("findings.csv"))
            .extract()
            .asString();
    List<List<String>> rows = Csv.parse(body);
    assertThat(rows.get(0))
        .containsExactly(
            "hostname",
            "policy",
            "severity",
            "requirement",
            "path",
            "status",
            "assetKind",
            "assetStatus",
            "job",
            "message",
            "firstSeen",
            "waiverId",
            "waivedUntil",
            "evidence");
    assertThat(rows).hasSize(9); // every finding of the batch: no pagination, limit ignored
    List<String> mysql =
        rows.stream().filter(r -> r.get(4).equals("/var/lib/mysql/")).findFirst().orElseThrow();
    assertThat(mysql.get(9)).isEqualTo("mysql, \"the\" data\nis uncovered");
    assertThat(body).contains("\"mysql, \"\"the\"\" data\nis uncovered\"");
    assertThat(mysql.get(13)).contains("\"rule\"");
    List<String> expired =
        rows.stream()
            .filter(r -> r.get(4).equals("/var/lib/portage/world"))
            .findFirst()
            .orElseThrow();
    assertThat(expired.get(5)).isEqualTo("fail");
    assertThat(expired.get(11)).isEqualTo("9");

    // Filters apply to the export as to the pages.
    String critical =
        batch()
            .header("Accept", "text/csv")
            .queryParam("severity", "critical")
            .get(BASE)
            .asString();
    assertThat(Csv.parse(critical)).hasSize(4);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "severity|urgent",
        "status|open",
        "assetKind|spaceship",
        "sort|colour",
        "order|up",
        "limit|0",
        "limit|5000",
        "after|not-a-cursor",
        "label|nocolon"
      })
  void badParametersAreProblemsNamingThem(String parameter, String value) {
    operator()
        .queryParam(parameter, value)
        .get(BASE)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", startsWith(parameter));
  }

  @Test
  void aCursorOfAnotherOrderIsRefused() {
    String next = get(batch().queryParam("limit", 2)).getString("next");
    operator()
        .queryParam("sort", "hostname")
        .queryParam("after", next)
        .get(BASE)
        .then()
        .statusCode(400)
        .body("detail", startsWith("after"));
  }
}
