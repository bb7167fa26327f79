package io.blindspot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.e2e.Agent.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the agent would send ({@code run --dry-run}), without a service: the inventory and the
 * backup job descriptors, parsed as JSON. Runs under dash and BusyBox sh.
 */
class AgentDiscoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void gentooDirvishVaultWithItsLastImageAndIndex(Shell shell, @TempDir Path tmp) throws Exception {
    Map<String, String> parts = dryRun(shell, FakeRoots.gentoo(tmp.resolve("root"), "g1"), tmp);

    JsonNode jobs = JSON.readTree(parts.get("backups"));
    assertThat(jobs).hasSize(1);
    JsonNode dirvish = jobs.get(0);
    assertThat(dirvish.get("name").asText()).isEqualTo("dirvish-root");
    assertThat(dirvish.get("tool").asText()).isEqualTo("dirvish");
    assertThat(texts(dirvish.get("command"))).containsExactly("dirvish", "--vault", "root");
    assertThat(dirvish.get("files").get("/etc/dirvish/master.conf").asText())
        .startsWith("bank:\n\t/backup\n");
    assertThat(dirvish.get("files").get("/backup/root/dirvish/default.conf").asText())
        .contains("tree: /\nxdev: 1\n", "\t/var/db\n");
    assertThat(dirvish.get("schedule").asText()).isEqualTo("22:00");
    JsonNode lastRun = dirvish.get("lastRun");
    assertThat(lastRun.get("status").asText()).isEqualTo("success");
    assertThat(lastRun.get("snapshot").asText()).isEqualTo("20261124");
    assertThat(lastRun.get("startedAt").asText()).matches("2026-11-2[45]T\\d\\d:00:01Z");
    assertThat(parts.get("listing-dirvish-root")).contains("etc/fstab");

    assertThat(JSON.readTree(parts.get("inventory")).get("configChecksums").toString())
        .isEqualTo("{\"/etc/vim-9.1.0.conf\":\"" + md5("set nocompatible\n") + "\"}");
    assertThat(parts.get("packages"))
        .contains("var/db/pkg/sys-kernel/gentoo-sources-6.1.80/SLOT", "var/lib/portage/world")
        .doesNotContain("environment.bz2", "usr/bin");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void debianRsnapshotAndACronLineRunningRestic(Shell shell, @TempDir Path tmp) throws Exception {
    Map<String, String> parts = dryRun(shell, FakeRoots.debian(tmp.resolve("root"), "d1"), tmp);

    JsonNode jobs = JSON.readTree(parts.get("backups"));
    assertThat(jobs).hasSize(3);
    JsonNode rsnapshot = jobs.get(0);
    assertThat(texts(rsnapshot.get("command")))
        .containsExactly("rsnapshot", "-c", "/etc/rsnapshot.conf", "daily");
    assertThat(rsnapshot.get("files").get("/etc/rsnapshot.exclude").asText())
        .isEqualTo("/home/*/.cache\n");
    assertThat(rsnapshot.get("schedule").asText()).isEqualTo("0 3 * * *");
    assertThat(rsnapshot.get("lastRun").get("status").asText()).isEqualTo("success");

    JsonNode restic = jobs.get(1);
    assertThat(restic.get("name").asText()).isEqualTo("restic-cron.d-backups-1");
    assertThat(texts(restic.get("command")))
        .containsExactly(
            "restic",
            "-r",
            "/srv/restic",
            "backup",
            "--one-file-system",
            "--exclude-file=/etc/restic/excludes",
            "/etc",
            "/home",
            "/srv/shared data");
    assertThat(restic.get("files").properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("/etc/restic/excludes");
    assertThat(restic.get("schedule").asText()).isEqualTo("30 2 * * *");

    JsonNode timer = jobs.get(2);
    assertThat(timer.get("name").asText()).isEqualTo("borg-timer-offsite-1");
    assertThat(texts(timer.get("command")))
        .containsExactly(
            "/usr/bin/borg",
            "create",
            "--patterns-from",
            "/etc/borg/patterns",
            "::{hostname}-{now}",
            "/");
    assertThat(timer.get("files").get("/etc/borg/patterns").asText()).startsWith("R /\n");
    assertThat(timer.get("schedule").asText()).isEqualTo("*-*-* 04:15:00");

    JsonNode inventory = JSON.readTree(parts.get("inventory"));
    assertThat(inventory.get("hostname").asText()).isEqualTo("d1");
    assertThat(inventory.get("homes").toString()).isEqualTo("[\"/home/alice\"]");
    assertThat(inventory.get("mounts").findValuesAsText("mountPoint")).contains("/srv/shared data");
    assertThat(inventory.get("fstab").asText()).startsWith("# <fs>").endsWith("0 2\n");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void wrapperStatusIsTheLastRunOfACronJob(Shell shell, @TempDir Path tmp) throws Exception {
    Path root = FakeRoots.alpine(tmp.resolve("root"), "a1");
    FakeRoots.write(
        root,
        "etc/crontabs/root",
        "0 1 * * * /usr/local/sbin/blindspot-run etc-tarball -- tar -czf /b/etc.tgz -X /etc/backup.exclude /etc 2> /dev/null\n");
    FakeRoots.write(
        tmp,
        "agent/state/runs/etc-tarball.status",
        "startedAt=2026-11-25T01:00:00Z\nfinishedAt=2026-11-25T01:00:09Z\nstatus=failure\nexit=2\n");

    JsonNode jobs = JSON.readTree(dryRun(shell, root, tmp).get("backups"));

    JsonNode job = jobs.get(0);
    assertThat(job.get("name").asText()).isEqualTo("etc-tarball");
    assertThat(texts(job.get("command")))
        .containsExactly("tar", "-czf", "/b/etc.tgz", "-X", "/etc/backup.exclude", "/etc");
    assertThat(job.get("files").get("/etc/backup.exclude").asText()).isEqualTo("*.apk-new\n");
    assertThat(job.get("lastRun").get("status").asText()).isEqualTo("failure");
    assertThat(job.get("lastRun").get("finishedAt").asText()).isEqualTo("2026-11-25T01:00:09Z");
  }

  /** With credentials configured, restic and borg repositories tell the last run. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void resticAndBorgRepositoriesTellTheLastRun(Shell shell, @TempDir Path tmp) throws Exception {
    Assertions.assertTrue(
        onPath("restic") && onPath("borg"), "restic and borg are not both installed");
    Path root = FakeRoots.debian(tmp.resolve("root"), "d2");
    FakeRoots.write(
        root,
        "etc/cron.d/borg",
        "0 4 * * * root borg create --exclude-from /etc/borg.exclude ::{now} /etc\n");
    FakeRoots.write(root, "etc/borg.exclude", "*.tmp\n");
    FakeRoots.write(tmp, "pw", "secret\n");
    FakeRoots.write(
        tmp,
        "restic.env",
        "RESTIC_REPOSITORY="
            + tmp.resolve("restic")
            + "\nRESTIC_PASSWORD_FILE="
            + tmp.resolve("pw")
            + "\n");
    FakeRoots.write(
        tmp,
        "borg.env",
        "BORG_REPO=" + tmp.resolve("borg") + "\nBORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes\n");
    sh(
        tmp,
        ". ./restic.env && export RESTIC_REPOSITORY RESTIC_PASSWORD_FILE && restic -q init"
            + " && restic -q backup root/etc >/dev/null");
    sh(
        tmp,
        ". ./borg.env && export BORG_REPO BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK"
            + " && borg init -e none && borg create ::first root/etc");
    new Agent(shell, root, tmp.resolve("agent"))
        .configure(
            "restic_env=" + tmp.resolve("restic.env"),
            "borg_env=" + tmp.resolve("borg.env"),
            "listings=dirvish,restic,borg");

    Map<String, String> parts = dryRun(shell, root, tmp);

    Map<String, JsonNode> jobs = new LinkedHashMap<>();
    JSON.readTree(parts.get("backups")).forEach(j -> jobs.put(j.get("name").asText(), j));
    JsonNode restic = jobs.get("restic-cron.d-backups-1").get("lastRun");
    assertThat(restic.get("status").asText()).isEqualTo("success");
    assertThat(restic.get("snapshot").asText()).matches("[0-9a-f]{8}");
    assertThat(restic.get("finishedAt").asText()).startsWith("20");
    JsonNode borg = jobs.get("borg-cron.d-borg-1").get("lastRun");
    assertThat(borg.get("snapshot").asText()).isEqualTo("first");
    assertThat(borg.get("startedAt").asText()).endsWith("Z");
    assertThat(parts).containsKeys("listing-restic-cron.d-backups-1", "listing-borg-cron.d-borg-1");
  }

  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static void sh(Path dir, String script) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(script + ":\n" + out).isZero();
  }

  /** Every job the agent discovers in the fake roots compiles with core's rule engines. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void discoveredJobsCompileWithTheRuleEngines(Shell shell, @TempDir Path tmp) throws Exception {
    ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    List<String> compiled = new ArrayList<>();
    for (String os : List.of("gentoo", "debian", "alpine")) {
      Path root = tmp.resolve(os);
      switch (os) {
        case "gentoo" -> FakeRoots.gentoo(root, "c-" + os);
        case "debian" -> FakeRoots.debian(root, "c-" + os);
        default -> FakeRoots.alpine(root, "c-" + os);
      }
      for (JsonNode descriptor :
          JSON.readTree(dryRun(shell, root, tmp.resolve(os + "-agent")).get("backups"))) {
        BackupJob job = json.treeToValue(descriptor, BackupJob.class);
        assertThat(BackupRuleEngines.compile(job)).as(descriptor.toString()).isNotNull();
        compiled.add(job.name());
      }
    }
    assertThat(compiled)
        .containsExactlyInAnyOrder(
            "dirvish-root",
            "rsnapshot",
            "restic-cron.d-backups-1",
            "borg-timer-offsite-1",
            "tar-crontab-root-1");
  }

  /** The parts of a dry run: name → what follows its "== name:" line. */
  private static Map<String, String> dryRun(Shell shell, Path root, Path tmp) {
    Agent.Result run = new Agent(shell, root, tmp.resolve("agent")).run("--dry-run");
    assertThat(run.exitCode()).as(run::toString).isZero();
    Map<String, String> parts = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : run.output().split("\n", -1)) {
      if (line.startsWith("== ")) {
        if (name != null) {
          parts.put(name, body.toString());
        }
        name = line.substring(3, line.indexOf(':'));
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      parts.put(name, body.toString());
    }
    return parts;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
