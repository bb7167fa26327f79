package io.blindspot.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.e2e.BlindspotStack.Running;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The story Blindspot exists for, told only through the HTTP APIs of the running services: a Gentoo
 * server with two kernel-source slots, /var on its own partition, and a dirvish vault that keeps to
 * one filesystem and excludes /var/db. The uploads trigger coverage by themselves; the report must
 * name every blind spot, the fix must be one the engine confirms, and the rebuild plan must hold
 * both slots — from Blindspot's own copy, since the backup has none. And its Debian twin: rsnapshot
 * excluding a MariaDB's data.
 */
@ExtendWith(BlindspotStack.class)
class FoundingStoryEndToEndTest {

  private final Running stack;
  private final Fleet fleet;

  FoundingStoryEndToEndTest(Running stack) {
    this.stack = stack;
    this.fleet = new Fleet(stack);
  }

  static final String GENTOO_INVENTORY =
      """
      {"hostname": "%s", "machineId": "%s", "os": {"id": "gentoo", "name": "Gentoo", "versionId": "2.17"},
       "kernel": "6.6.13-gentoo", "architecture": "x86_64",
       "mounts": [{"device": "/dev/hdc3", "mountPoint": "/", "fsType": "ext4", "options": "rw,noatime"},
                  {"device": "/dev/hdc4", "mountPoint": "/var", "fsType": "ext4", "options": "rw,noatime"},
                  {"device": "proc", "mountPoint": "/proc", "fsType": "proc", "options": "rw"}],
       "partitionTable": "label: dos\\n/dev/hdc3 : start=2048, size=41943040, type=83\\n/dev/hdc4 : start=41945088, size=83886080, type=83\\n",
       "fstab": "/dev/hdc3 / ext4 noatime 0 1\\n/dev/hdc4 /var ext4 noatime 0 2\\n",
       "services": ["sshd"], "homes": ["/home/anna"]}""";

  static final String GENTOO_PACKAGES =
      """
      {"manager": "portage",
       "packages": [
         {"name": "gentoo-sources", "category": "sys-kernel", "version": "6.6.13", "slot": "6.6.13", "repository": "gentoo", "reason": "explicit"},
         {"name": "gentoo-sources", "category": "sys-kernel", "version": "6.1.69", "slot": "6.1.69", "repository": "gentoo", "reason": "explicit"},
         {"name": "glibc", "category": "sys-libs", "version": "2.38-r10", "slot": "2.2", "repository": "gentoo", "reason": "dependency"},
         {"name": "vim", "category": "app-editors", "version": "9.0.2167", "slot": "0", "repository": "gentoo", "reason": "explicit"}],
       "world": ["sys-kernel/gentoo-sources", "app-editors/vim"], "worldSets": []}""";

  static final String DIRVISH_JOBS =
      """
      [{"name": "web1", "tool": "dirvish", "command": ["dirvish", "--vault", "web1"],
        "files": {"/etc/dirvish/master.conf": "bank:\\n\\t/backup\\nexclude:\\n\\tlost+found/\\n\\t/proc\\n\\t/sys\\n\\t/var/db\\n\\t/tmp\\n",
                  "/backup/web1/dirvish/default.conf": "client: localhost\\ntree: /\\nxdev: 1\\n"},
        "schedule": "0 3 * * *",
        "lastRun": {"startedAt": "%1$s", "finishedAt": "%1$s", "status": "success", "snapshot": "2026-11-25"}}]""";

  @Test
  void theGentooServerIsNotRestorableAndEveryBlindSpotIsNamed() {
    String host = "founding-" + UUID.randomUUID().toString().substring(0, 8);
    RequestSpecification agent = enroll(host);
    put(agent, "/api/v1/agent/inventory", GENTOO_INVENTORY.formatted(host, UUID.randomUUID()));
    put(agent, "/api/v1/agent/packages", GENTOO_PACKAGES);
    put(agent, "/api/v1/agent/backups", DIRVISH_JOBS.formatted(java.time.Instant.now()));

    JsonPath report = awaitCoverage(host);

    assertThat(report.getString("readiness")).isEqualTo("NOT_RESTORABLE");
    Map<String, Object> pkg = asset(report, "/var/db/pkg/");
    assertThat(pkg).containsEntry("kind", "package-db").containsEntry("severity", "critical");
    assertThat(pkg).containsEntry("status", "uncovered");
    Map<String, Object> verdict = firstJob(pkg);
    // /var is another filesystem and the vault keeps to one ...
    assertThat(verdict)
        .containsEntry("reason", "other-filesystem")
        .containsEntry("ancestor", "/var/");
    // ... and past the mount point, the exclude line would still hide it
    assertThat(verdict.get("hiddenRule"))
        .isEqualTo(Map.of("file", "/etc/dirvish/master.conf", "line", 7, "text", "/var/db"));
    Map<String, Object> world = asset(report, "/var/lib/portage/world");
    assertThat(world).containsEntry("status", "uncovered").containsEntry("severity", "critical");
    assertThat(asset(report, "/var/")).containsEntry("status", "uncovered");
    List<Map<String, Object>> fixes = list(pkg.get("remediation"));
    assertThat(fixes).isNotEmpty();
    assertThat(fixes.get(0)).containsEntry("verified", true);
    assertThat(fixes.get(0).get("summary").toString()).contains("/var");
    assertThat(asset(report, "/etc/")).containsEntry("status", "covered");

    String markdown =
        fleet
            .api()
            .accept("text/markdown")
            .get("/api/v1/servers/{h}/coverage", host)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(markdown).contains("NOT_RESTORABLE", "/var/db/pkg/", "/etc/dirvish/master.conf");

    String script =
        fleet
            .api()
            .accept("text/x-shellscript")
            .get("/api/v1/servers/{h}/rebuild-plan", host)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(script)
        .contains("emerge --oneshot --nodeps")
        .contains("=sys-kernel/gentoo-sources-6.6.13")
        .contains("=sys-kernel/gentoo-sources-6.1.69")
        .contains("/dev/hdc4 /var ext4");

    // the coverage service queued the server; the fleet's policy worker judged it
    JsonPath policies = awaitPolicyFinding(host, "package-db-covered", "/var/db/pkg/");
    String pkgFinding =
        "items.find { it.policy == 'package-db-covered' }.findings.find { it.path == '/var/db/pkg/' }";
    assertThat(policies.getString("items.find { it.policy == 'package-db-covered' }.status"))
        .isEqualTo("fail");
    assertThat(policies.getString(pkgFinding + ".assetStatus")).isEqualTo("uncovered");
    assertThat(policies.getString(pkgFinding + ".message")).contains("/etc/dirvish/master.conf:7");
    assertThat(policies.getString("items.find { it.policy == 'restore-ready' }.status"))
        .isEqualTo("fail");
    assertThat(policies.getString("items.find { it.policy == 'etc-backed-up-daily' }.status"))
        .isEqualTo("pass");
  }

  static final String DEBIAN_INVENTORY =
      """
      {"hostname": "%s", "machineId": "%s", "os": {"id": "debian", "name": "Debian GNU/Linux", "versionId": "12"},
       "kernel": "6.1.0-27-amd64", "architecture": "x86_64",
       "mounts": [{"device": "/dev/vda1", "mountPoint": "/", "fsType": "ext4", "options": "rw"}],
       "fstab": "/dev/vda1 / ext4 defaults 0 1\\n", "services": ["sshd", "mariadb"]}""";

  static final String DEBIAN_PACKAGES =
      """
      {"manager": "dpkg",
       "packages": [
         {"name": "mariadb-server", "version": "1:10.11.6-0+deb12u1", "arch": "amd64", "reason": "explicit"},
         {"name": "openssh-server", "version": "1:9.2p1-2+deb12u3", "arch": "amd64", "reason": "explicit"},
         {"name": "libc6", "version": "2.36-9+deb12u9", "arch": "amd64", "reason": "dependency"}],
       "world": [], "worldSets": []}""";

  static final String RSNAPSHOT_JOBS =
      """
      [{"name": "rsnapshot-daily", "tool": "rsnapshot", "command": ["rsnapshot", "-c", "/etc/rsnapshot.conf", "daily"],
        "files": {"/etc/rsnapshot.conf": "config_version\\t1.2\\nsnapshot_root\\t/backup/\\ncmd_rsync\\t/usr/bin/rsync\\nretain\\tdaily\\t7\\nexclude\\t/proc\\nexclude\\t/sys\\nexclude\\t/var/lib/mysql\\nbackup\\t/\\tlocalhost/\\n"},
        "lastRun": {"startedAt": "%1$s", "finishedAt": "%1$s", "status": "success"}}]""";

  @Test
  void theDebianDatabaseServerLosesItsDataToAnRsnapshotExclude() {
    String host = "mariadb-" + UUID.randomUUID().toString().substring(0, 8);
    RequestSpecification agent = enroll(host);
    put(agent, "/api/v1/agent/inventory", DEBIAN_INVENTORY.formatted(host, UUID.randomUUID()));
    put(agent, "/api/v1/agent/packages", DEBIAN_PACKAGES);
    put(agent, "/api/v1/agent/backups", RSNAPSHOT_JOBS.formatted(java.time.Instant.now()));

    JsonPath report = awaitCoverage(host);

    assertThat(report.getString("readiness")).isEqualTo("NOT_RESTORABLE");
    Map<String, Object> mysql = asset(report, "/var/lib/mysql/");
    assertThat(mysql)
        .containsEntry("kind", "service-data")
        .containsEntry("severity", "critical")
        .containsEntry("status", "uncovered");
    assertThat(mysql.get("note").toString()).contains("dump");
    Map<String, Object> verdict = firstJob(mysql);
    assertThat(verdict).containsEntry("reason", "excluded-by-rule");
    assertThat(verdict.get("rule"))
        .isEqualTo(
            Map.of("file", "/etc/rsnapshot.conf", "line", 7, "text", "exclude\t/var/lib/mysql"));
    List<Map<String, Object>> fixes = list(mysql.get("remediation"));
    assertThat(fixes).isNotEmpty();
    assertThat(fixes.get(0)).containsEntry("verified", true);
    assertThat(asset(report, "/var/lib/dpkg/")).containsEntry("status", "covered");

    String script =
        fleet
            .api()
            .accept("text/x-shellscript")
            .get("/api/v1/servers/{h}/rebuild-plan", host)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(script).contains("apt-get install", "mariadb-server=1:10.11.6-0+deb12u1");
  }

  private RequestSpecification enroll(String host) {
    String token =
        given()
            .baseUri(stack.ingest().toString())
            .contentType("application/json")
            .body(
                Map.of(
                    "hostname", host,
                    "machineId", UUID.randomUUID().toString().replace("-", ""),
                    "enrollmentToken", fleet.newEnrollmentToken()))
            .post("/api/v1/agent/enroll")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("token");
    return given().baseUri(stack.ingest().toString()).auth().oauth2(token);
  }

  private static void put(RequestSpecification agent, String path, String json) {
    given().spec(agent).contentType("application/json").body(json).put(path).then().statusCode(201);
  }

  /** Coverage is recomputed from the uploads alone: visible within a few seconds. */
  private JsonPath awaitCoverage(String host) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      var response = fleet.api().get("/api/v1/servers/{h}/coverage", host);
      if (response.statusCode() == 200) {
        JsonPath report = response.jsonPath();
        // the last upload (the jobs) must be in: a report without jobs says so
        if (!report.getList("assets.find { it.path == '/etc/' }.jobs").isEmpty()) {
          return report;
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no coverage with jobs for " + host + " within 15 s");
  }

  /** Policy results follow coverage through the policy queue: visible within a few seconds. */
  private JsonPath awaitPolicyFinding(String host, String policy, String path) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    String finding =
        "items.find { it.policy == '" + policy + "' }.findings.find { it.path == '" + path + "' }";
    while (System.nanoTime() < deadline) {
      var response = fleet.api().get("/api/v1/servers/{h}/policies", host);
      if (response.statusCode() == 200 && response.jsonPath().get(finding) != null) {
        return response.jsonPath();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "no " + policy + " finding on " + path + " for " + host + " within 15 s");
  }

  private static Map<String, Object> asset(JsonPath report, String path) {
    Map<String, Object> asset = report.getMap("assets.find { it.path == '" + path + "' }");
    assertThat(asset).as("asset " + path).isNotNull();
    return asset;
  }

  private static Map<String, Object> firstJob(Map<String, Object> asset) {
    return list(asset.get("jobs")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
