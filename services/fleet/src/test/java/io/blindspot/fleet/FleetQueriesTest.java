package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.fleet.compliance.application.ComplianceHistory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
class FleetQueriesTest {

  private static final String BATCH = "batch:fleetq";
  private static final String VERDICT_HIDDEN =
      """
      {"provenance": "Debian's package database",
       "jobs": [{"job": "nightly", "tool": "rsync", "included": false, "reason": "excluded-by-rule",
                 "rule": {"file": "/etc/backup/excludes", "line": 3, "text": "/var/lib"}},
                {"job": "offsite", "tool": "restic", "included": true, "reason": "included"}],
       "gaps": [], "remediation": []}""";
  private static final String MYSQL_UNCOVERED =
      """
      {"provenance": "MySQL / MariaDB data: package mysql-server is installed",
       "jobs": [{"job": "nightly", "tool": "rsync", "included": false, "reason": "excluded-by-rule"}],
       "gaps": [], "remediation": []}""";
  private static final String MYSQL_COVERED =
      """
      {"provenance": "MySQL / MariaDB data: package mariadb-server is installed",
       "jobs": [{"job": "nightly", "tool": "rsync", "included": true, "reason": "included"}],
       "gaps": [], "remediation": []}""";
  private static boolean planted;
  private static UUID qa;
  private static UUID qb;
  private static UUID qc;

  @Inject DataSource dataSource;
  @Inject ComplianceHistory history;

  /**
   * qa (debian, prod, READY), qb (debian, dev, NOT_RESTORABLE), qc (gentoo, no env, never
   * evaluated); two policies with results (one waiver of qb expired), findings, assets, jobs.
   */
  @BeforeEach
  void plant() {
    if (planted) {
      return;
    }
    planted = true;
    FleetFixture db = new FleetFixture(dataSource);
    ComplianceFixture c = new ComplianceFixture(db);
    qa =
        db.server("qq-a")
            .labels(Map.of("batch", "fleetq", "env", "prod"))
            .os("debian", "debian", "D", "12")
            .insert();
    qb =
        db.server("qq-b")
            .labels(Map.of("batch", "fleetq", "env", "dev"))
            .os("debian", "debian", "D", "12")
            .insert();
    qc =
        db.server("qq-c")
            .labels(Map.of("batch", "fleetq"))
            .os("gentoo", "gentoo", "G", "2.17")
            .insert();
    c.readiness(qa, "READY");
    c.readiness(qb, "NOT_RESTORABLE");
    c.policy("qq-db", "critical");
    c.policy("qq-fresh", "high");
    c.result(qa, "qq-db", "pass", null);
    c.result(qb, "qq-db", "waived", Instant.now().minus(Duration.ofMinutes(5)));
    c.result(qc, "qq-db", "fail", null);
    c.result(qa, "qq-fresh", "waived", Instant.now().plus(Duration.ofDays(3)));
    c.result(qb, "qq-fresh", "not-applicable", null);
    c.finding(
        qb,
        "qq-db",
        "assets-covered",
        "/var/lib/dpkg/",
        "waived",
        Instant.now().minus(Duration.ofMinutes(5)),
        "package-db",
        "m",
        Instant.now());
    c.finding(
        qc,
        "qq-db",
        "assets-covered",
        "/var/db/pkg/",
        "fail",
        null,
        "package-db",
        "m",
        Instant.now());
    c.finding(
        qa,
        "qq-fresh",
        "fresh-backup",
        "",
        "waived",
        Instant.now().plus(Duration.ofDays(3)),
        null,
        "m",
        Instant.now());

    // Paths: qa has the package database itself, qb only /var/ (a mount), qc nothing under /var.
    c.asset(qa, "/var/lib/dpkg/", "package-db", "partial", VERDICT_HIDDEN);
    c.asset(
        qb,
        "/var/",
        "mount",
        "covered",
        "{\"provenance\": \"a mount\", \"jobs\": [{\"job\": \"nightly\", \"included\": true}],"
            + " \"gaps\": [{\"path\": \"/var/lib/dpkg/updates/\", \"job\": \"nightly\"},"
            + " {\"path\": \"/var/cache/\", \"job\": \"nightly\"}], \"remediation\": []}");
    c.asset(
        qc,
        "/etc/",
        "config",
        "covered",
        "{\"provenance\": \"/etc\", \"jobs\": [], \"gaps\": [], \"remediation\": []}");

    // Packages: qa and qb run MySQL, qc has its data directory without the package.
    db.packages(
        qa,
        FleetFixture.set(PackageManager.DPKG, FleetFixture.pkg("mysql-server", "8.0.39-1")),
        null,
        Instant.now());
    db.packages(
        qb,
        FleetFixture.set(
            PackageManager.DPKG,
            FleetFixture.pkg("mysql-server", "8.0.40-1"),
            FleetFixture.pkg("mariadb-server", "1:10.11")),
        null,
        Instant.now());
    c.asset(qa, "/var/lib/mysql/", "service-data", "uncovered", MYSQL_UNCOVERED);
    c.asset(qb, "/var/lib/mysql/", "service-data", "covered", MYSQL_COVERED);
    c.asset(qc, "/var/lib/mysql/", "service-data", "uncovered", MYSQL_UNCOVERED);

    // Jobs: one fresh, one stale, one that never succeeded.
    c.job(qa, "nightly", Instant.now().minus(Duration.ofHours(2)), "success");
    c.job(qa, "weekly", Instant.now().minus(Duration.ofDays(3)), "failure");
    c.job(qb, "nightly", null, "failure");
    c.job(qc, "offsite, \"cold\"", Instant.now().minus(Duration.ofDays(40)), "success");

    LocalDate day = LocalDate.parse("2026-10-01");
    c.daily(qa, "qq-db", day, "pass");
    c.daily(qb, "qq-db", day, "fail");
    c.daily(qc, "qq-db", day, "fail");
    c.daily(qa, "qq-db", day.plusDays(1), "pass");
    c.daily(qb, "qq-db", day.plusDays(1), "waived");
    c.daily(qa, "qq-fresh", day.plusDays(1), "not-applicable");
    history.recount(day, day.plusDays(1)); // the trend reads the totals the sweep keeps
  }

  private static RequestSpecification batch() {
    return operator().queryParam("label", BATCH);
  }

  @Test
  void summaryCountsReadinessPoliciesAndFailingFindings() {
    JsonPath summary =
        batch().get("/api/v1/fleet/summary").then().statusCode(200).extract().jsonPath();
    assertThat(summary.getString("groupBy")).isNull();
    assertThat(summary.getList("groups")).isNull();
    assertThat(summary.getLong("total.servers")).isEqualTo(3);
    assertThat(summary.getMap("total.readiness"))
        .containsEntry("READY", 1)
        .containsEntry("NOT_RESTORABLE", 1)
        .containsEntry("UNEVALUATED", 1)
        .containsEntry("AT_RISK", 0);
    // qb's waiver expired: its result counts as fail.
    assertThat(summary.getMap("total.policies.qq-db"))
        .containsEntry("pass", 1)
        .containsEntry("fail", 2)
        .containsEntry("waived", 0);
    assertThat(summary.getMap("total.policies.qq-fresh"))
        .containsEntry("waived", 1)
        .containsEntry("not-applicable", 1);
    assertThat(summary.getMap("total.failingFindings"))
        .containsEntry("critical", 2)
        .containsEntry("high", 0);
  }

  @Test
  void summaryGroupsByALabelWithAnUnlabelledGroup() {
    JsonPath summary =
        batch()
            .queryParam("groupBy", "env")
            .get("/api/v1/fleet/summary")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(summary.getString("groupBy")).isEqualTo("env");
    assertThat(summary.getList("groups.value")).containsExactly("(none)", "dev", "prod");
    assertThat(summary.getLong("groups.find { it.value == 'prod' }.counts.servers")).isEqualTo(1);
    assertThat(summary.getInt("groups.find { it.value == 'dev' }.counts.policies.qq-db.fail"))
        .isEqualTo(1);
    assertThat(summary.getInt("groups.find { it.value == '(none)' }.counts.readiness.UNEVALUATED"))
        .isEqualTo(1);
    assertThat(
            summary.getInt("groups.find { it.value == '(none)' }.counts.failingFindings.critical"))
        .isEqualTo(1);
    assertThat(summary.getLong("total.servers")).isEqualTo(3);
    operator()
        .queryParam("groupBy", "bad key!")
        .get("/api/v1/fleet/summary")
        .then()
        .statusCode(400)
        .body("detail", startsWith("groupBy"));
  }

  @Test
  void pathsShowTheNearestAssetItsJobsAndTheRuleHidingIt() {
    JsonPath page =
        batch()
            .queryParam("path", "/var/lib/dpkg")
            .get("/api/v1/fleet/paths")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getString("path")).isEqualTo("/var/lib/dpkg");
    assertThat(page.getList("items.hostname")).containsExactly("qq-a", "qq-b");
    assertThat(page.getString("items[0].asset")).isEqualTo("/var/lib/dpkg/");
    assertThat(page.getBoolean("items[0].exact")).isTrue();
    assertThat(page.getString("items[0].status")).isEqualTo("partial");
    assertThat(page.getList("items[0].coveredBy")).containsExactly("offsite");
    assertThat(page.getString("items[0].hiddenBy[0].job")).isEqualTo("nightly");
    assertThat(page.getInt("items[0].hiddenBy[0].rule.line")).isEqualTo(3);
    assertThat(page.getString("items[1].asset")).isEqualTo("/var/");
    assertThat(page.getBoolean("items[1].exact")).isFalse();
    assertThat(page.getList("items[1].gaps.path")).containsExactly("/var/lib/dpkg/updates/");

    JsonPath first =
        batch()
            .queryParam("path", "/var/lib/dpkg")
            .queryParam("limit", 1)
            .get("/api/v1/fleet/paths")
            .jsonPath();
    assertThat(first.getList("items.hostname")).containsExactly("qq-a");
    JsonPath second =
        batch()
            .queryParam("path", "/var/lib/dpkg")
            .queryParam("limit", 1)
            .queryParam("after", first.getString("next"))
            .get("/api/v1/fleet/paths")
            .jsonPath();
    assertThat(second.getList("items.hostname")).containsExactly("qq-b");
    assertThat(second.getString("next")).isNull();

    List<List<String>> csv =
        Csv.parse(
            batch()
                .header("Accept", "text/csv")
                .queryParam("path", "/var/lib/dpkg/")
                .get("/api/v1/fleet/paths")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(csv.get(0)).startsWith("hostname", "asset", "exact");
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1).get(7))
        .isEqualTo("nightly excluded-by-rule /etc/backup/excludes:3 /var/lib");
  }

  @Test
  void packagesListTheServersRunningItWithTheirDataStatus() {
    JsonPath all =
        batch()
            .queryParam("name", "mysql-server")
            .get("/api/v1/fleet/packages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // qc has the directory but not the package; qb's asset names mariadb-server, same service.
    assertThat(all.getList("items.hostname")).containsExactly("qq-a", "qq-b");
    assertThat(all.getString("items[1].versions")).isEqualTo("8.0.40-1");
    JsonPath uncovered =
        batch()
            .queryParam("name", "mysql-server")
            .queryParam("assetStatus", "uncovered")
            .get("/api/v1/fleet/packages")
            .jsonPath();
    assertThat(uncovered.getList("items.hostname")).containsExactly("qq-a");
    assertThat(uncovered.getString("items[0].asset")).isEqualTo("/var/lib/mysql/");
    assertThat(uncovered.getString("items[0].provenance")).contains("mysql-server");

    String next =
        batch()
            .queryParam("name", "mysql-server")
            .queryParam("limit", 1)
            .get("/api/v1/fleet/packages")
            .jsonPath()
            .getString("next");
    assertThat(
            batch()
                .queryParam("name", "mysql-server")
                .queryParam("after", next)
                .get("/api/v1/fleet/packages")
                .jsonPath()
                .getList("items.hostname"))
        .containsExactly("qq-b");

    List<List<String>> csv =
        Csv.parse(
            batch()
                .header("Accept", "text/csv")
                .queryParam("name", "mysql-server")
                .get("/api/v1/fleet/packages")
                .asString());
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1).get(6))
        .isEqualTo("MySQL / MariaDB data: package mysql-server is installed");

    operator()
        .get("/api/v1/fleet/packages")
        .then()
        .statusCode(400)
        .body("detail", startsWith("name"));
    operator()
        .queryParam("name", "x")
        .queryParam("assetStatus", "lost")
        .get("/api/v1/fleet/packages")
        .then()
        .statusCode(400)
        .body("detail", startsWith("assetStatus"));
  }

  @Test
  void backupsListsStaleAndNeverSucceededJobs() {
    JsonPath page =
        batch()
            .queryParam("staleFor", "PT26H")
            .get("/api/v1/fleet/backups")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> jobs = new ArrayList<>();
    for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
      jobs.add(item.get("hostname") + "/" + item.get("job"));
    }
    assertThat(jobs).containsExactly("qq-a/weekly", "qq-b/nightly", "qq-c/offsite, \"cold\"");
    assertThat(page.getString("items[1].lastSuccessAt")).isNull();
    assertThat(page.getString("items[1].lastStatus")).isEqualTo("failure");

    JsonPath week = batch().queryParam("staleFor", "P7D").get("/api/v1/fleet/backups").jsonPath();
    assertThat(week.getList("items.job")).containsExactly("nightly", "offsite, \"cold\"");
    assertThat(
            batch()
                .queryParam("osFamily", "gentoo")
                .get("/api/v1/fleet/backups")
                .jsonPath()
                .getList("items.hostname"))
        .containsExactly("qq-c");

    JsonPath first = batch().queryParam("limit", 2).get("/api/v1/fleet/backups").jsonPath();
    JsonPath rest =
        batch()
            .queryParam("limit", 2)
            .queryParam("after", first.getString("next"))
            .get("/api/v1/fleet/backups")
            .jsonPath();
    assertThat(first.getList("items.job")).hasSize(2);
    assertThat(rest.getList("items.job")).containsExactly("offsite, \"cold\"");
    assertThat(rest.getString("next")).isNull();

    List<List<String>> csv =
        Csv.parse(batch().header("Accept", "text/csv").get("/api/v1/fleet/backups").asString());
    assertThat(csv).hasSize(4);
    assertThat(csv.get(3).get(1)).isEqualTo("offsite, \"cold\"");

    operator()
        .queryParam("staleFor", "yesterday")
        .get("/api/v1/fleet/backups")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", startsWith("staleFor"));
  }

  @Test
  void trendCountsEachDayAndGroups() {
    JsonPath trend =
        batch()
            .queryParam("policy", "qq-db")
            .queryParam("from", "2026-10-01")
            .queryParam("to", "2026-10-05")
            .get("/api/v1/fleet/trend")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(trend.getList("items.day")).containsExactly("2026-10-01", "2026-10-02");
    assertThat(trend.getMap("items[0]"))
        .containsEntry("pass", 1)
        .containsEntry("fail", 2)
        .containsEntry("waived", 0);
    assertThat(trend.getMap("items[1]")).containsEntry("pass", 1).containsEntry("waived", 1);

    JsonPath grouped =
        batch()
            .queryParam("from", "2026-10-01")
            .queryParam("to", "2026-10-02")
            .queryParam("groupBy", "env")
            .get("/api/v1/fleet/trend")
            .jsonPath();
    assertThat(grouped.getList("items.group"))
        .containsExactly("(none)", "dev", "prod", "dev", "prod");
    assertThat(grouped.getInt("items[4].notApplicable")).isEqualTo(1);

    List<List<String>> csv =
        Csv.parse(
            batch()
                .header("Accept", "text/csv")
                .queryParam("policy", "qq-db")
                .queryParam("from", "2026-10-01")
                .queryParam("to", "2026-10-02")
                .get("/api/v1/fleet/trend")
                .asString());
    assertThat(csv)
        .containsExactly(
            List.of("day", "group", "pass", "fail", "waived", "notApplicable"),
            List.of("2026-10-01", "", "1", "2", "0", "0"),
            List.of("2026-10-02", "", "1", "0", "1", "0"));

    operator()
        .queryParam("from", "2026-10-05")
        .queryParam("to", "2026-10-01")
        .get("/api/v1/fleet/trend")
        .then()
        .statusCode(400)
        .body("detail", startsWith("from"));
    operator()
        .queryParam("to", "tomorrow")
        .get("/api/v1/fleet/trend")
        .then()
        .statusCode(400)
        .body("detail", startsWith("to"));
    operator()
        .queryParam("from", "2024-01-01")
        .queryParam("to", "2026-01-01")
        .get("/api/v1/fleet/trend")
        .then()
        .statusCode(400)
        .body("detail", startsWith("from"));
  }

  @Test
  void theDailySweepWritesTodaysEffectiveStatusAndDropsExpiredHistory() {
    FleetFixture db = new FleetFixture(dataSource);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    new ComplianceFixture(db).daily(qa, "qq-db", today.minusDays(401), "pass");
    new ComplianceFixture(db).daily(qa, "qq-db", today.minusDays(399), "pass");
    ComplianceHistory.Sweep sweep = history.sweep(today);
    assertThat(sweep.written()).isGreaterThanOrEqualTo(5);
    assertThat(
            db.count("SELECT count(*) FROM compliance_daily WHERE day < ?", today.minusDays(400)))
        .isZero();
    assertThat(
            db.count(
                "SELECT count(*) FROM compliance_daily WHERE server_id = ? AND day = ?",
                qa,
                today.minusDays(399)))
        .isEqualTo(1);
    // qb's waiver expired: today's row says fail; a second sweep rewrites nothing.
    assertThat(
            db.count(
                "SELECT count(*) FROM compliance_daily WHERE server_id = ? AND policy_name = 'qq-db'"
                    + " AND day = ? AND status = 'fail'",
                qb,
                today))
        .isEqualTo(1);
    assertThat(history.sweep(today).written()).isZero();
    // The sweep recounted today's totals: the trend shows today.
    JsonPath trend =
        batch()
            .queryParam("policy", "qq-db")
            .queryParam("from", today.toString())
            .queryParam("to", today.toString())
            .get("/api/v1/fleet/trend")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(trend.getMap("items[0]"))
        .containsEntry("day", today.toString())
        .containsEntry("pass", 1)
        .containsEntry("fail", 2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/fleet/paths|path|var/db",
        "/api/v1/fleet/paths|limit|abc",
        "/api/v1/fleet/backups|after|zzz",
        "/api/v1/fleet/summary|label|nocolon",
        "/api/v1/fleet/trend|groupBy|:"
      })
  void badParametersAreProblemsNamingThem(String endpoint, String parameter, String value) {
    operator()
        .queryParams(
            parameter.equals("path")
                ? Map.of("path", value)
                : Map.of("path", "/var", parameter, value))
        .get(endpoint)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", startsWith(parameter));
  }
}
