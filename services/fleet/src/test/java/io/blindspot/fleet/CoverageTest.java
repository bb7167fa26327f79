package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CoverageTest {

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** The founding story, stored as the coverage service would; returns the server's hostname. */
  private String foundingStory(String hostname) {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    // evaluated first a day ago; re-evaluated now with the same outcome
    Instant firstSeen = NOW.minus(Duration.ofDays(1));
    Instant lastSuccess = firstSeen.minus(Duration.ofHours(2));
    UUID id = fixture.gentooServer(hostname, lastSuccess);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            lastSuccess,
            firstSeen);
    fixture.coverage(id, document, firstSeen, NOW);
    return hostname;
  }

  @Test
  void theFoundingStoryIsNotRestorableAndSaysWhy() {
    String hostname = foundingStory("cov-gentoo-1");
    JsonPath body =
        operator()
            .get("/api/v1/servers/" + hostname + "/coverage")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .body("server", equalTo(hostname))
            .body("readiness", equalTo("NOT_RESTORABLE"))
            .body("evaluatedAt", equalTo(NOW.toString()))
            .extract()
            .jsonPath();
    assertThat(body.getInt("score")).isBetween(0, 49);
    assertThat(body.getList("reasons", String.class)).isNotEmpty();
    Map<String, Object> pkg = asset(body, "/var/db/pkg/");
    assertThat(pkg)
        .containsEntry("kind", "package-db")
        .containsEntry("severity", "critical")
        .containsEntry("status", "uncovered")
        .containsKeys("provenance", "note", "gaps", "remediation");
    assertThat(body.getString("assets.find { it.path == '/var/db/pkg/' }.jobs[0].job"))
        .isEqualTo("web1");
    assertThat(body.getString("assets.find { it.path == '/var/db/pkg/' }.jobs[0].reason"))
        .isEqualTo("other-filesystem");
    assertThat(body.getBoolean("assets.find { it.path == '/var/db/pkg/' }.jobs[0].included"))
        .isFalse();
    // /var on its own partition hides the dirvish exclude line behind the one-file-system reason
    assertThat(body.getString("assets.find { it.path == '/var/db/pkg/' }.jobs[0].hiddenRule.file"))
        .isEqualTo("/etc/dirvish/master.conf");
    assertThat(body.getInt("assets.find { it.path == '/var/db/pkg/' }.jobs[0].hiddenRule.line"))
        .isEqualTo(5);
    assertThat(asset(body, "/var/lib/portage/world"))
        .containsEntry("kind", "world-set")
        .containsEntry("status", "uncovered");
    assertThat(body.getList("assets.find { it.path == '/var/db/pkg/' }.remediation")).isNotEmpty();
    assertThat(body.getBoolean("assets.find { it.path == '/var/db/pkg/' }.remediation[0].verified"))
        .isTrue();
    assertThat(body.getString("driftNote")).contains("no successful backup");
    assertThat(body.getList("worldCheck.atom")).contains("app-misc/gone");
    assertThat(body.getList("jobErrors")).isEmpty();
  }

  /** The Debian twin: rsnapshot.conf excludes /var/lib/mysql (line 8), no dump is taken. */
  @Test
  void theDebianStoryNamesTheRsnapshotLineAndOffersAFix() {
    String hostname = "cov-debian-db1";
    String inventory =
        """
        {"hostname": "%s", "os": {"id": "debian", "name": "Debian GNU/Linux", "versionId": "12"},
         "kernel": "6.1.0-18-amd64", "architecture": "x86_64",
         "mounts": [{"device": "/dev/vda1", "mountPoint": "/", "fsType": "ext4"},
                    {"device": "proc", "mountPoint": "/proc", "fsType": "proc"}],
         "partitionTable": "label: gpt\\n/dev/vda1 : start=2048, size=83884032, type=L\\n",
         "fstab": "UUID=4f1c / ext4 errors=remount-ro 0 1\\n",
         "services": ["mariadb.service", "ssh.service"], "homes": ["/home/deploy"]}"""
            .formatted(hostname);
    String rsnapshot =
        """
        {"name": "rsnapshot-daily", "tool": "rsnapshot", "command": ["rsnapshot", "daily"],
         "files": {"/etc/rsnapshot.conf": "config_version\\t1.2\\nsnapshot_root\\t/backup/snapshots/\\ncmd_rsync\\t/usr/bin/rsync\\nretain\\tdaily\\t7\\nretain\\tweekly\\t4\\nexclude\\t/proc\\nexclude\\t/sys\\nexclude\\t/var/lib/mysql\\nbackup\\t/\\tlocalhost/\\n"},
         "schedule": "30 3 * * *"}""";
    var packages =
        new io.blindspot.core.packages.PackageSet(
            io.blindspot.core.packages.PackageManager.DPKG,
            List.of(
                io.blindspot.core.packages.InstalledPackage.builder("mariadb-server")
                    .epoch(1)
                    .version("10.11.6-0+deb12u1")
                    .arch("amd64")
                    .build(),
                FleetFixture.pkg("base-files", "12.4+deb12u5")),
            List.of(),
            List.of());
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    UUID id = db.server(hostname).os("debian", "debian", "Debian GNU/Linux", "12").insert();
    db.packages(id, packages, null, NOW);
    db.inventory(id, inventory, NOW);
    Instant lastSuccess = NOW.minus(Duration.ofHours(3));
    fixture.job(id, rsnapshot, lastSuccess);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname, inventory, packages, List.of(rsnapshot), lastSuccess, NOW);
    fixture.coverage(id, document, NOW, NOW);

    JsonPath body =
        operator()
            .queryParam("kind", "service-data")
            .get("/api/v1/servers/" + hostname + "/coverage")
            .then()
            .statusCode(200)
            .body("readiness", equalTo("NOT_RESTORABLE"))
            .extract()
            .jsonPath();
    String mysql = "assets.find { it.path == '/var/lib/mysql/' }";
    assertThat(body.getString(mysql + ".severity")).isEqualTo("critical");
    assertThat(body.getString(mysql + ".status")).isEqualTo("uncovered");
    assertThat(body.getString(mysql + ".note")).contains("dump");
    assertThat(body.getString(mysql + ".jobs[0].reason")).isEqualTo("excluded-by-rule");
    assertThat(body.getString(mysql + ".jobs[0].rule.file")).isEqualTo("/etc/rsnapshot.conf");
    assertThat(body.getInt(mysql + ".jobs[0].rule.line")).isEqualTo(8);
    assertThat(body.getString(mysql + ".jobs[0].rule.text")).contains("/var/lib/mysql");
    assertThat(body.getBoolean(mysql + ".remediation[0].verified")).isTrue();

    assertThat(
            operator()
                .accept("text/markdown")
                .get("/api/v1/servers/" + hostname + "/coverage")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("| `/var/lib/mysql/` | service-data | critical | uncovered |")
        .contains("rsnapshot-daily: excluded-by-rule")
        .contains("`/etc/rsnapshot.conf:8`");
    assertThat(
            operator()
                .accept("text/x-shellscript")
                .get("/api/v1/servers/" + hostname + "/rebuild-plan")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("mariadb-server=1:10.11.6-0+deb12u1")
        .contains("/var/lib/mysql/ (service-data): IN NO BACKUP");
  }

  @Test
  void assetsFilterByStatusKindAndSeverity() {
    String hostname = foundingStory("cov-gentoo-filters");
    String base = "/api/v1/servers/" + hostname + "/coverage";
    List<String> all = operator().get(base).then().extract().jsonPath().getList("assets.path");

    JsonPath uncovered =
        operator()
            .queryParam("status", "uncovered")
            .get(base)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(uncovered.getList("assets.status")).isNotEmpty().containsOnly("uncovered");
    assertThat(uncovered.getList("assets.path")).contains("/var/db/pkg/", "/var/lib/portage/world");
    assertThat(uncovered.getList("assets").size()).isLessThan(all.size());

    assertThat(
            operator()
                .queryParam("kind", "package-db,world-set")
                .get(base)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("assets.kind", String.class))
        .isNotEmpty()
        .containsOnly("package-db", "world-set");
    assertThat(
            operator()
                .queryParam("severity", "critical")
                .queryParam("severity", "HIGH")
                .get(base)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("assets.severity", String.class))
        .isNotEmpty()
        .containsOnly("critical", "high");
    // every filter given must hold
    assertThat(
            operator()
                .queryParam("kind", "package-db")
                .queryParam("status", "covered")
                .get(base)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("assets"))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"status, gone", "kind, package_db_x", "severity, urgent"})
  void badFiltersAreNamed(String parameter, String value) {
    String hostname = "cov-gentoo-bad-" + parameter;
    foundingStory(hostname);
    operator()
        .queryParam(parameter, value)
        .get("/api/v1/servers/" + hostname + "/coverage")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith(parameter + ": unknown value '" + value + "'"));
  }

  @Test
  void unknownServersAndUnevaluatedOnesAre404() {
    operator()
        .get("/api/v1/servers/cov-nobody/coverage")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no server with hostname 'cov-nobody'"));
    new FleetFixture(dataSource).server("cov-fresh").insert();
    operator()
        .get("/api/v1/servers/cov-fresh/coverage")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body(
            "detail", containsString("coverage of server 'cov-fresh' has not been evaluated yet"));
    operator()
        .accept("text/markdown")
        .get("/api/v1/servers/cov-fresh/coverage")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    operator()
        .get("/api/v1/servers/cov-nobody/coverage/history")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    operator()
        .get("/api/v1/servers/cov-fresh/coverage/history")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0))
        .body("next", equalTo(null));
  }

  @Test
  void markdownIsAReportForPeople() {
    String hostname = foundingStory("cov-gentoo-md");
    String markdown =
        operator()
            .accept("text/markdown")
            .get("/api/v1/servers/" + hostname + "/coverage")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/markdown"))
            .extract()
            .asString();
    assertThat(markdown)
        .startsWith("# Coverage of " + hostname + ": NOT_RESTORABLE (score ")
        .contains("## Why")
        .contains("| Asset | Kind | Severity | Status | Why | Rule |")
        .contains("| `/var/db/pkg/` | package-db | critical | uncovered |")
        .contains("web1: other-filesystem")
        .contains("`/etc/dirvish/master.conf:5`")
        .contains("## Fixes")
        .contains("(checked with the rule engine)")
        .contains("## Drift of the backed-up package database")
        .contains("`app-misc/gone`");
    // covered assets are counted, not listed
    assertThat(markdown).doesNotContain("| `/etc/` |");
  }

  @Test
  void historyIsNewestFirstAndPaged() {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    String hostname = "cov-history";
    Instant lastSuccess = NOW.minus(Duration.ofHours(2));
    UUID id = fixture.gentooServer(hostname, lastSuccess);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            lastSuccess,
            NOW);
    List<Long> ids = new ArrayList<>();
    for (int i = 3; i >= 1; i--) {
      ids.add(fixture.report(id, document, NOW.minus(Duration.ofDays(i))));
    }
    fixture.current(id, ids.get(2), NOW, document.readiness(), document.score());
    long uncovered = document.assets().stream().filter(a -> a.status().equals("uncovered")).count();

    JsonPath first =
        operator()
            .queryParam("limit", 2)
            .get("/api/v1/servers/" + hostname + "/coverage/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getList("items.reportId", Long.class)).containsExactly(ids.get(2), ids.get(1));
    assertThat(first.getList("items.current", Boolean.class)).containsExactly(true, false);
    assertThat(first.getString("items[0].readiness")).isEqualTo("NOT_RESTORABLE");
    assertThat(first.getString("items[0].evaluatedAt"))
        .isEqualTo(NOW.minus(Duration.ofDays(1)).toString());
    assertThat(first.getLong("items[0].counts.uncovered")).isEqualTo(uncovered);
    assertThat(first.getMap("items[0].counts"))
        .containsOnlyKeys(
            "covered", "verified", "partial", "stale", "missing-from-snapshot", "uncovered");
    JsonPath second =
        operator()
            .queryParam("limit", 2)
            .queryParam("after", first.getString("next"))
            .get("/api/v1/servers/" + hostname + "/coverage/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.getList("items.reportId", Long.class)).containsExactly(ids.get(0));
    assertThat(second.getString("next")).isNull();

    operator()
        .queryParam("after", "bm90IG91cnM")
        .get("/api/v1/servers/" + hostname + "/coverage/history")
        .then()
        .statusCode(400)
        .body("detail", startsWith("after: not a cursor this endpoint issued"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asset(JsonPath body, String path) {
    Map<String, Object> asset = body.getMap("assets.find { it.path == '" + path + "' }");
    assertThat(asset).as("asset " + path).isNotNull();
    return asset;
  }
}
