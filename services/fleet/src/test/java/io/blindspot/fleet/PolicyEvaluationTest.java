package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.fleet.policies.application.PolicyEvaluation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Policy results against real coverage rows (reports evaluated by core on the stored jobs), through
 * the worker and the result endpoints: every requirement type, not-applicable, no coverage.
 */
@QuarkusTest
class PolicyEvaluationTest {

  /** rsync crossing filesystems, but with the TLS keys excluded at line 2 of its exclude file. */
  static final String RSYNC_JOB =
      """
      {"name": "nightly", "tool": "rsync",
       "command": ["rsync", "-aH", "--exclude-from=/etc/backup/excludes", "/", "vault:/srv/h/"],
       "files": {"/etc/backup/excludes": "/proc\\n/etc/ssl/private\\n"},
       "lastRun": {"startedAt": "2026-11-25T03:00:00Z", "finishedAt": "2026-11-25T03:20:00Z",
                   "status": "success", "snapshot": "2026-11-25"}}""";

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant TWO_HOURS_AGO = NOW.minus(Duration.ofHours(2));

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;
  @Inject PolicyEvaluation evaluation;

  /** The founding story: dirvish with xdev, /var apart, /var/db excluded. */
  UUID foundingStory(String hostname) {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    UUID id = fixture.gentooServer(hostname, TWO_HOURS_AGO);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            TWO_HOURS_AGO,
            NOW);
    fixture.coverage(id, document, NOW, NOW);
    return id;
  }

  /** The same Gentoo server backed up by rsync that keeps everything but /etc/ssl/private. */
  UUID rsyncServer(String hostname, Map<String, String> labels) {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    UUID id = db.server(hostname).labels(labels).os("gentoo", "gentoo", "Gentoo", "2.17").insert();
    db.packages(id, CoverageFixture.gentooPackages(), null, NOW.minus(Duration.ofDays(3)));
    db.inventory(id, CoverageFixture.GENTOO_INVENTORY.formatted(hostname), NOW);
    fixture.job(id, RSYNC_JOB, TWO_HOURS_AGO);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(RSYNC_JOB),
            TWO_HOURS_AGO,
            NOW);
    fixture.coverage(id, document, NOW, NOW);
    return id;
  }

  static JsonPath results(String hostname) {
    return operator()
        .get("/api/v1/servers/" + hostname + "/policies")
        .then()
        .statusCode(200)
        .body("server", equalTo(hostname))
        .extract()
        .jsonPath();
  }

  static String status(JsonPath results, String policy) {
    return results.getString("items.find { it.policy == '" + policy + "' }.status");
  }

  static void createPolicy(String body) {
    operator()
        .contentType("application/json")
        .body(body)
        .post(PoliciesTest.BASE)
        .then()
        .statusCode(201);
  }

  @Test
  void theFoundingStoryFailsTheBaselineWithTheRuleBehindEachFinding() {
    UUID id = foundingStory("pol-founding-1");
    // queued as the coverage service would, then taken by the worker
    FleetFixture db = new FleetFixture(dataSource);
    db.update(
        "INSERT INTO policy_queue (server_id, reason) VALUES (?, 'coverage evaluated')"
            + " ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp()",
        id);
    evaluation.drain(10_000);
    assertThat(db.count("SELECT count(*) FROM policy_queue WHERE server_id = ?", id)).isZero();

    JsonPath body = results("pol-founding-1");
    assertThat(status(body, "package-db-covered")).isEqualTo("fail");
    assertThat(status(body, "no-critical-uncovered")).isEqualTo("fail");
    assertThat(status(body, "mounts-covered")).isEqualTo("fail");
    assertThat(status(body, "restore-ready")).isEqualTo("fail");
    assertThat(status(body, "etc-backed-up-daily")).isEqualTo("pass");

    String pkg =
        "items.find { it.policy == 'package-db-covered' }.findings.find { it.path == '/var/db/pkg/' }";
    assertThat(body.getString(pkg + ".requirement")).isEqualTo("package-db-and-world-set");
    assertThat(body.getString(pkg + ".assetKind")).isEqualTo("package-db");
    assertThat(body.getString(pkg + ".assetStatus")).isEqualTo("uncovered");
    assertThat(body.getString(pkg + ".job")).isEqualTo("web1");
    assertThat(body.getString(pkg + ".severity")).isEqualTo("critical");
    assertThat(body.getString(pkg + ".status")).isEqualTo("fail");
    assertThat(body.getString(pkg + ".message"))
        .contains("package-db /var/db/pkg/ is uncovered")
        .contains("other-filesystem")
        .contains("'/var/db' (/etc/dirvish/master.conf:5)");
    assertThat(body.getString(pkg + ".evidence.rule.text")).isEqualTo("/var/db");
    assertThat(body.getString(pkg + ".evidence.jobs[0].reason")).isEqualTo("other-filesystem");
    assertThat(body.getList(pkg + ".evidence.remediation")).isNotEmpty();
    assertThat(
            body.getList(
                "items.find { it.policy == 'mounts-covered' }.findings.path", String.class))
        .contains("/var/");
    assertThat(body.getString("items.find { it.policy == 'restore-ready' }.findings[0].message"))
        .startsWith("readiness is NOT_RESTORABLE, not READY");
    assertThat(
            body.getBoolean(
                "items.find { it.policy == 'etc-backed-up-daily' }.requirements[0].passed"))
        .isTrue();
    assertThat(
            body.getString(
                "items.find { it.policy == 'etc-backed-up-daily' }.requirements[0].summary"))
        .contains("web1 succeeded");

    // the rows readers of other endpoints use
    assertThat(
            db.count(
                "SELECT count(*) FROM findings WHERE server_id = ? AND policy_name ="
                    + " 'package-db-covered' AND path = '/var/db/pkg/' AND severity_rank = 0",
                id))
        .isEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM compliance_daily WHERE server_id = ? AND status = 'fail'"
                    + " AND day = (now() AT TIME ZONE 'UTC')::date AND policy_name = 'restore-ready'",
                id))
        .isEqualTo(1);

    // a second evaluation keeps when each finding was first seen
    String firstSeen = body.getString(pkg + ".firstSeen");
    evaluation.evaluate(id);
    assertThat(results("pol-founding-1").getString(pkg + ".firstSeen")).isEqualTo(firstSeen);
  }

  @Test
  void everyRequirementTypeOnAServerBackedUpByRsync() {
    UUID id = rsyncServer("pol-rsync-1", Map.of("env", "prod"));
    createPolicy(
        """
        {"name": "eval-every-type", "severity": "high", "selector": {"labels": {"env": "prod"}},
         "requirements": [
           {"type": "assets-covered", "kinds": ["package-db", "world-set", "config"]},
           {"type": "no-uncovered", "severity": "critical"},
           {"type": "mounts-covered"},
           {"type": "fresh-backup", "path": "/etc/", "maxAge": "PT26H"},
           {"id": "var-hourly", "type": "fresh-backup", "path": "/var/lib/portage/", "maxAge": "PT1H"},
           {"id": "tls", "type": "path-covered", "path": "/etc/ssl/private/"},
           {"id": "ssh", "type": "path-covered", "path": "/etc/ssh/"},
           {"type": "readiness", "is": "NOT_RESTORABLE"}]}""");
    createPolicy(
        """
        {"name": "eval-debian-only", "severity": "low", "selector": {"osFamily": ["debian"]},
         "requirements": [{"type": "readiness", "is": "READY"}]}""");
    evaluation.evaluate(id);

    JsonPath body = results("pol-rsync-1");
    assertThat(status(body, "eval-debian-only")).isEqualTo("not-applicable");
    assertThat(body.getList("items.find { it.policy == 'eval-debian-only' }.findings")).isEmpty();
    assertThat(status(body, "eval-every-type")).isEqualTo("fail");
    String policy = "items.find { it.policy == 'eval-every-type' }";
    Map<String, Boolean> passed =
        body.getList(policy + ".requirements", Map.class).stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    m -> (String) m.get("requirement"), m -> (Boolean) m.get("passed")));
    assertThat(passed)
        .containsEntry("assets-covered", true)
        .containsEntry("no-uncovered", true)
        .containsEntry("mounts-covered", true)
        .containsEntry("fresh-backup", true)
        .containsEntry("var-hourly", false)
        .containsEntry("tls", false)
        .containsEntry("ssh", true)
        .containsEntry("readiness", false);

    String tls = policy + ".findings.find { it.requirement == 'tls' }";
    assertThat(body.getString(tls + ".path")).isEqualTo("/etc/ssl/private/");
    assertThat(body.getString(tls + ".job")).isEqualTo("nightly");
    assertThat(body.getString(tls + ".assetStatus")).isEqualTo("uncovered");
    assertThat(body.getString(tls + ".evidence.rule.file")).isEqualTo("/etc/backup/excludes");
    assertThat(body.getInt(tls + ".evidence.rule.line")).isEqualTo(2);
    assertThat(body.getString(tls + ".message")).contains("not kept by any backup job");
    String hourly = policy + ".findings.find { it.requirement == 'var-hourly' }";
    assertThat(body.getString(hourly + ".message")).contains("too old").contains("2 h ago");
    assertThat(body.getString(hourly + ".job")).isEqualTo("nightly");
    assertThat(body.getString(policy + ".findings.find { it.requirement == 'readiness' }.path"))
        .isEmpty();

    // the policy's view across the fleet
    operator()
        .get(PoliciesTest.BASE + "/eval-every-type/results?status=fail")
        .then()
        .statusCode(200)
        .body("policy", equalTo("eval-every-type"))
        .body("items.find { it.server == 'pol-rsync-1' }.status", equalTo("fail"))
        .body("items.find { it.server == 'pol-rsync-1' }.findings", equalTo(3));
    operator()
        .get(PoliciesTest.BASE + "/eval-debian-only/results?status=not-applicable")
        .then()
        .statusCode(200)
        .body("items.find { it.server == 'pol-rsync-1' }.status", equalTo("not-applicable"));
  }

  @Test
  void withoutCoverageEveryPolicyFailsSayingWhy() {
    UUID id = new FleetFixture(dataSource).server("pol-new-1").insert();
    evaluation.evaluate(id);
    JsonPath body = results("pol-new-1");
    assertThat(status(body, "restore-ready")).isEqualTo("fail");
    assertThat(body.getString("items.find { it.policy == 'restore-ready' }.findings[0].message"))
        .startsWith("coverage has not been evaluated for this server yet");
    operator().get("/api/v1/servers/no-such-host/policies").then().statusCode(404);
  }

  @Test
  void resultsArePaginatedByHostname() {
    FleetFixture db = new FleetFixture(dataSource);
    for (int i = 1; i <= 3; i++) {
      evaluation.evaluate(db.server("pol-page-" + i).insert());
    }
    JsonPath first =
        operator()
            .get(PoliciesTest.BASE + "/restore-ready/results?limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getList("items")).hasSize(2);
    String next = first.getString("next");
    assertThat(next).isNotNull();
    JsonPath second =
        operator()
            .queryParam("limit", 2)
            .queryParam("after", next)
            .get(PoliciesTest.BASE + "/restore-ready/results")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.getString("items[0].server"))
        .isGreaterThan(first.getString("items[1].server"));
    operator().get(PoliciesTest.BASE + "/restore-ready/results?after=bogus").then().statusCode(400);
    operator().get(PoliciesTest.BASE + "/no-such/results").then().statusCode(404);
  }

  static List<List<String>> csv(String path) {
    return Csv.parse(
        operator()
            .header("Accept", "text/csv")
            .get(path)
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString());
  }

  @Test
  void policyListsAnswerCsvWithEveryRow() {
    FleetFixture db = new FleetFixture(dataSource);
    db.update(
        """
        INSERT INTO servers (server_id, hostname, machine_id, agent_token_hash)
        SELECT gen_random_uuid(), 'pol-csv-' || lpad(i::text, 4, '0'), 'pol-csv-machine-' || i,
               sha256(('pol-csv' || i)::bytea)
          FROM generate_series(1, 1005) AS i
        """);
    db.update("DELETE FROM policy_queue");
    assertThat(evaluation.drain(10)).isZero();
    db.update(
        "INSERT INTO policy_queue (server_id, reason) SELECT server_id, 'test' FROM servers"
            + " WHERE hostname LIKE 'pol-csv-%'");
    assertThat(evaluation.drain(5_000)).isEqualTo(1005);

    List<List<String>> results = csv(PoliciesTest.BASE + "/restore-ready/results?status=fail");
    assertThat(results.get(0)).startsWith("server", "status");
    List<String> hosts =
        results.stream().skip(1).map(r -> r.get(0)).filter(h -> h.startsWith("pol-csv-")).toList();
    assertThat(hosts).hasSize(1005).doesNotHaveDuplicates().isSorted();

    List<List<String>> policies = csv(PoliciesTest.BASE);
    assertThat(policies.get(0)).startsWith("name", "description", "severity");
    assertThat(policies.stream().map(r -> r.get(0)))
        .contains("package-db-covered", "restore-ready");

    List<List<String>> server = csv("/api/v1/servers/pol-csv-0001/policies");
    assertThat(server.get(0)).startsWith("policy", "severity", "status");
    assertThat(server.stream().filter(r -> r.get(0).equals("restore-ready")).findFirst())
        .get()
        .satisfies(r -> assertThat(r.get(2)).isEqualTo("fail"));
  }
}
