package io.blindspot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.e2e.Agent.Shell;
import io.blindspot.e2e.BlindspotStack.Running;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fake servers (Gentoo, Debian, Alpine roots) enrolled and run through {@code blindspot-agent run
 * --root} under dash and BusyBox sh against the running stack; what arrived is asserted through the
 * fleet API. A second run with nothing changed uploads nothing.
 */
@ExtendWith(BlindspotStack.class)
class AgentEndToEndTest {

  private final Running stack;
  private final Fleet fleet;

  AgentEndToEndTest(Running stack) {
    this.stack = stack;
    this.fleet = new Fleet(stack);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void gentooWithSlottedPackagesWorldAndDirvish(Shell shell, @TempDir Path tmp) throws IOException {
    String host = "gentoo-" + shell.id();
    Agent agent = agent(shell, FakeRoots.gentoo(tmp.resolve("root"), host), tmp);

    Agent.Result first = agent.run();

    assertThat(first.exitCode()).as(first::toString).isZero();
    assertThat(first.output()).contains("inventory: sent", "packages: sent");
    JsonPath server = fleet.server(host);
    assertThat(server.getString("os.id")).isEqualTo("gentoo");
    assertThat(server.getString("os.versionId")).isEqualTo("2.17");
    assertThat(server.getString("kernel")).isEqualTo("6.6.13-gentoo");
    assertThat(server.getString("architecture")).isEqualTo("x86_64");
    assertThat(server.getString("packageManager")).isEqualTo("portage");
    assertThat(server.getInt("packageCount")).isEqualTo(5);
    assertThat(server.getMap("agentLabels")).containsEntry("role", "e2e");
    assertThat(server.getList("mounts.mountPoint", String.class))
        .contains("/", "/backup", "/srv/shared data");
    assertThat(server.getList("services").toString()).contains("sshd");

    JsonPath packages = fleet.packages(host);
    List<Map<String, Object>> kernels =
        packages.getList("packages.findAll { it.name == 'gentoo-sources' }");
    assertThat(kernels)
        .extracting(p -> p.get("slot") + ":" + p.get("version") + ":" + p.get("reason"))
        .containsExactlyInAnyOrder("6.6.13:6.6.13:explicit", "6.1.80:6.1.80:dependency");
    assertThat(packages.getString("packages.find { it.name == 'openssl' }.subslot")).isEqualTo("3");
    assertThat(packages.getString("packages.find { it.name == 'vim' }.reason"))
        .isEqualTo("explicit");
    assertThat(packages.getList("world", String.class))
        .contains("app-editors/vim", "sys-kernel/gentoo-sources:6.6.13");

    assertBackupJobs(first, host, "dirvish-root");
    assertThePackageDatabaseIsNamedUncovered(host);
    assertSecondRunUploadsNothing(agent, host, server);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void debianWithRealDpkgStatusRsnapshotAndRestic(Shell shell, @TempDir Path tmp)
      throws IOException {
    String host = "debian-" + shell.id();
    Agent agent = agent(shell, FakeRoots.debian(tmp.resolve("root"), host), tmp);

    Agent.Result first = agent.run();

    assertThat(first.exitCode()).as(first::toString).isZero();
    JsonPath server = fleet.server(host);
    assertThat(server.getString("os.id")).isEqualTo("debian");
    assertThat(server.getString("os.versionId")).isEqualTo("12");
    assertThat(server.getString("packageManager")).isEqualTo("dpkg");
    long installed =
        Files.readString(Path.of("/var/lib/dpkg/status"))
            .lines()
            .filter(l -> l.startsWith("Status: install ok installed"))
            .count();
    assertThat(server.getInt("packageCount"))
        .isGreaterThan(50)
        .isLessThanOrEqualTo((int) installed);
    assertThat(fleet.packages(host).getList("packages.name", String.class)).contains("dpkg");
    assertThat(server.getList("services").toString()).contains("ssh");

    assertBackupJobs(first, host, "rsnapshot", "restic-cron.d-backups-1", "borg-timer-offsite-1");
    assertSecondRunUploadsNothing(agent, host, server);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void alpineWithApkAndACrontabRunningTar(Shell shell, @TempDir Path tmp) throws IOException {
    String host = "alpine-" + shell.id();
    Agent agent = agent(shell, FakeRoots.alpine(tmp.resolve("root"), host), tmp);

    Agent.Result first = agent.run();

    assertThat(first.exitCode()).as(first::toString).isZero();
    JsonPath server = fleet.server(host);
    assertThat(server.getString("os.id")).isEqualTo("alpine");
    assertThat(server.getString("packageManager")).isEqualTo("apk");
    assertThat(fleet.packages(host).getList("packages.name", String.class))
        .containsExactlyInAnyOrder("musl", "busybox", "openssh-server");

    assertBackupJobs(first, host, "tar-crontab-root-1");
    assertSecondRunUploadsNothing(agent, host, server);

    // heartbeat: an unchanged inventory is sent again after heartbeat_hours, and the service
    // only marks the server as seen
    Files.setLastModifiedTime(
        agent.state.resolve("sums/inventory"),
        FileTime.from(Instant.now().minus(Duration.ofHours(13))));
    Agent.Result heartbeat = agent.run();
    assertThat(heartbeat.exitCode()).as(heartbeat::toString).isZero();
    assertThat(heartbeat.output()).contains("inventory: sent (HTTP 200)", "packages: unchanged");
    JsonPath seen = fleet.server(host);
    assertThat(seen.getLong("lastSeen.inventory.snapshotId"))
        .isEqualTo(server.getLong("lastSeen.inventory.snapshotId"));
    assertThat(Instant.parse(seen.getString("lastSeen.inventory.lastSeenAt")))
        .isAfter(Instant.parse(server.getString("lastSeen.inventory.lastSeenAt")));
  }

  /** GNU wget instead of curl, under BusyBox sh. */
  @Test
  void wgetInsteadOfCurl(@TempDir Path tmp) throws IOException {
    String host = "alpine-wget";
    Agent agent = agent(Shell.BUSYBOX, FakeRoots.alpine(tmp.resolve("root"), host), tmp);
    agent.configure("http=wget");

    Agent.Result first = agent.run();

    assertThat(first.exitCode()).as(first::toString).isZero();
    assertThat(first.output()).contains("inventory: sent (HTTP 201)", "packages: sent (HTTP 201)");
    assertThat(fleet.server(host).getString("packageManager")).isEqualTo("apk");
    assertBackupJobs(first, host, "tar-crontab-root-1");
  }

  /**
   * The machine running the tests, without --root: df sizes, lsblk, systemd or OpenRC services, its
   * real package database.
   */
  @Test
  void theMachineItself(@TempDir Path tmp) throws IOException {
    Assertions.assertTrue(
        Files.isReadable(Path.of("/etc/machine-id")), "this machine has no /etc/machine-id");
    Agent agent = agent(Shell.DASH, null, tmp, "hostname=e2e-this-machine");

    Agent.Result run = agent.run();

    assertThat(run.exitCode()).as(run::toString).isZero();
    JsonPath server = fleet.server("e2e-this-machine");
    assertThat(server.getString("kernel")).isNotBlank();
    assertThat(server.getList("mounts.mountPoint", String.class)).contains("/");
    assertThat(server.getList("mounts.findAll { it.mountPoint == '/' }.sizeBytes", Long.class))
        .allMatch(size -> size > 0);
    if (Files.exists(Path.of("/var/lib/dpkg/status"))) {
      assertThat(server.getString("packageManager")).isEqualTo("dpkg");
    }
  }

  private Agent agent(Shell shell, Path root, Path tmp, String... config) throws IOException {
    Agent agent =
        new Agent(shell, root, tmp.resolve("agent"))
            .configure("label.role=e2e", "retries=2", "backoff=1", "timeout=20")
            .configure(config);
    fleet.enrolled(agent);
    assertThat(Files.readString(agent.config)).contains("token=bsa_", "url=" + stack.ingest());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.config)))
        .isEqualTo("rw-------");
    return agent;
  }

  /**
   * The jobs reach the fleet API once ingest accepts PUT /api/v1/agent/backups; until then the
   * agent must only warn (exit 0, checked by the callers).
   */
  private void assertBackupJobs(Agent.Result run, String host, String... jobs) {
    if (run.output().contains("backups: sent")) {
      JsonPath backups =
          fleet
              .api()
              .get("/api/v1/servers/{hostname}/backups", host)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(backups.getList("items.name", String.class)).containsExactlyInAnyOrder(jobs);
      for (String job : jobs) {
        if (run.output().contains("listing-" + job + ": sent")) {
          assertThat(
                  backups.getString("items.find { it.name == '" + job + "' }.listing.contentType"))
              .isNotBlank();
        }
      }
    } else {
      assertThat(run.output())
          .as("the agent names why the jobs were not sent")
          .contains("the service does not accept /api/v1/agent/backups yet");
    }
  }

  /**
   * The agent's uploads alone make coverage: the vault's exclude of /var/db hides the package
   * database, and the report names that line.
   */
  private void assertThePackageDatabaseIsNamedUncovered(String host) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonPath report = null;
    while (System.nanoTime() < deadline) {
      var response = fleet.api().get("/api/v1/servers/{hostname}/coverage", host);
      if (response.statusCode() == 200
          && !response.jsonPath().getList("assets.find { it.path == '/etc/' }.jobs").isEmpty()) {
        report = response.jsonPath();
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertThat(report).as("coverage of " + host + " within 15 s").isNotNull();
    assertThat(report.getString("readiness")).isEqualTo("NOT_RESTORABLE");
    String pkg = "assets.find { it.path == '/var/db/pkg/' }";
    assertThat(report.getString(pkg + ".status")).isEqualTo("uncovered");
    assertThat(report.getString(pkg + ".jobs[0].rule.file"))
        .isEqualTo("/backup/root/dirvish/default.conf");
    assertThat(report.getString(pkg + ".jobs[0].rule.text")).isEqualTo("/var/db");
    assertThat(report.getBoolean(pkg + ".remediation[0].verified")).isTrue();
  }

  private void assertSecondRunUploadsNothing(Agent agent, String host, JsonPath before) {
    Agent.Result second = agent.run();

    assertThat(second.exitCode()).as(second::toString).isZero();
    assertThat(second.output())
        .contains("inventory: unchanged", "packages: unchanged", "blindspot-agent: sent 0,");
    JsonPath after = fleet.server(host);
    for (String kind : List.of("inventory", "packages")) {
      assertThat(after.getLong("lastSeen." + kind + ".snapshotId"))
          .isEqualTo(before.getLong("lastSeen." + kind + ".snapshotId"));
      assertThat(after.getString("lastSeen." + kind + ".lastSeenAt"))
          .as("nothing was uploaded, so not even the last-seen time moved")
          .isEqualTo(before.getString("lastSeen." + kind + ".lastSeenAt"));
    }
  }
}
