package io.blindspot.core.coverage;

import static io.blindspot.core.coverage.CoverageFixtures.FRESH;
import static io.blindspot.core.coverage.CoverageFixtures.NOW;
import static io.blindspot.core.coverage.CoverageFixtures.apply;
import static io.blindspot.core.coverage.CoverageFixtures.asset;
import static io.blindspot.core.coverage.CoverageFixtures.compiled;
import static io.blindspot.core.coverage.CoverageFixtures.verdictAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.SharedSamples;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.packages.DpkgStatusParser;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.rebuild.RebuildPlan;
import io.blindspot.core.rebuild.RebuildPlanner;
import io.blindspot.core.rebuild.RebuildScript;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.Mount;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.Severity;
import io.blindspot.core.world.World;
import io.blindspot.core.world.WorldDeriver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The founding story's Debian twin: a MariaDB server backed up nightly by rsnapshot, whose
 * rsnapshot.conf excludes /var/lib/mysql "because the files change while we copy them" — and no
 * dump is taken either.
 */
class DebianStoryTest {

  static final Path SAMPLE = SharedSamples.dpkgStatus();

  static final String RSNAPSHOT_CONF =
      """
      config_version\t1.2
      snapshot_root\t/backup/snapshots/
      cmd_rsync\t/usr/bin/rsync
      retain\tdaily\t7
      retain\tweekly\t4
      exclude\t/proc
      exclude\t/sys
      exclude\t/var/lib/mysql
      backup\t/\tlocalhost/
      """;

  static PackageSet debian() throws Exception {
    PackageSet parsed;
    if (Files.isRegularFile(SAMPLE)) {
      try (InputStream in = Files.newInputStream(SAMPLE)) {
        parsed = new DpkgStatusParser().parse(in);
      }
    } else {
      parsed =
          new PackageSet(
              PackageManager.DPKG,
              List.of(InstalledPackage.builder("base-files").version("12.4+deb12u5").build()),
              List.of(),
              List.of());
    }
    List<InstalledPackage> packages = new ArrayList<>(parsed.packages());
    if (packages.stream().noneMatch(p -> p.name().equals("mariadb-server"))) {
      packages.add(
          InstalledPackage.builder("mariadb-server")
              .version("10.11.6-0+deb12u1")
              .epoch(1)
              .arch("amd64")
              .build());
    }
    return new PackageSet(parsed.manager(), packages, parsed.world(), parsed.worldSets());
  }

  static Inventory inventory() {
    return new Inventory(
        "db1",
        new Inventory.OsRelease("debian", List.of(), "Debian GNU/Linux", "12"),
        "6.1.0-18-amd64",
        "x86_64",
        List.of(
            new Mount("/dev/vda1", "/", "ext4", "rw,relatime", 40L << 30, 9L << 30),
            new Mount("proc", "/proc", "proc", "rw", 0L, 0L),
            new Mount("tmpfs", "/run", "tmpfs", "rw", 0L, 0L)),
        "label: gpt\n/dev/vda1 : start=2048, size=83884032, type=L\n",
        "UUID=4f1c /  ext4 errors=remount-ro 0 1\n",
        List.of("mariadb.service", "ssh.service", "cron.service"),
        List.of("/home/deploy"),
        null);
  }

  static final TreeFacts FACTS =
      new TreeFacts(
          List.of(new Filesystem("/", "/dev/vda1"), new Filesystem("/proc", "proc")),
          Map.of(),
          Map.of());

  @Test
  void theDatabaseIsUncoveredCriticalAndTheRsnapshotLineIsNamedAndFixed() throws Exception {
    BackupJob job =
        new BackupJob(
            "rsnapshot-daily",
            "rsnapshot",
            List.of("rsnapshot", "daily"),
            Map.of("/etc/rsnapshot.conf", RSNAPSHOT_CONF),
            "30 3 * * *",
            null);
    PackageSet packages = debian();
    World world = new WorldDeriver(ServiceKnowledge.builtIn()).derive(inventory(), packages);

    CoverageReport report =
        new CoverageEvaluator(CoverageFixtures.MAX_AGE)
            .evaluate(world, List.of(compiled(job, FRESH)), FACTS, NOW);

    AssetCoverage mysql = asset(report, "/var/lib/mysql/");
    assertThat(mysql.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(mysql.asset().kind().id()).isEqualTo("service-data");
    assertThat(mysql.asset().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(mysql.asset().provenance()).contains("mariadb-server");
    assertThat(mysql.asset().note()).contains("dump");
    AssetCoverage.JobVerdict verdict = mysql.jobs().get(0);
    assertThat(verdict.reason()).isEqualTo("excluded-by-rule");
    assertThat(verdict.rule().file()).isEqualTo("/etc/rsnapshot.conf");
    assertThat(verdict.rule().line()).isEqualTo(8);
    assertThat(verdict.rule().text()).isEqualTo("exclude\t/var/lib/mysql");

    assertThat(report.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
    assertThat(report.reasons()).anyMatch(r -> r.contains("/var/lib/mysql/"));
    assertThat(report.score()).isLessThanOrEqualTo(49);
    // the rest of the system is kept: the package database, apt's state, /etc
    assertThat(asset(report, "/var/lib/dpkg/").status()).isEqualTo(CoverageStatus.COVERED);
    assertThat(asset(report, "/var/lib/apt/extended_states").status())
        .isEqualTo(CoverageStatus.COVERED);
    assertThat(asset(report, "/etc/ssh/").status()).isEqualTo(CoverageStatus.COVERED);

    // the fix: drop line 8, and the engine, asked again about the edited rsnapshot.conf, agrees
    Remediation fix = mysql.remediation().get(0);
    assertThat(fix.verified()).isTrue();
    assertThat(fix.changes())
        .containsExactly(
            new Remediation.Change(
                "/etc/rsnapshot.conf", "remove-line", 8, "exclude\t/var/lib/mysql"));
    assertThat(verdictAfter(job, fix, "/var/lib/mysql/", FACTS).included()).isTrue();
    BackupJob fixed = apply(job, fix);
    assertThat(
            BackupRuleEngines.compile(fixed)
                .evaluate(List.of("/proc/cpuinfo"), FACTS)
                .get(0)
                .included())
        .isFalse();

    // the rebuild plan reinstalls the exact versions, mariadb-server with its epoch
    RebuildPlan plan = new RebuildPlanner().plan("db1", packages, inventory(), report);
    assertThat(plan.packages()).contains("mariadb-server=1:10.11.6-0+deb12u1");
    assertThat(RebuildScript.render(plan)).contains("apt-get install -y --allow-downgrades");
    assertThat(plan.warnings()).anyMatch(w -> w.contains("/var/lib/mysql/ is in no backup"));
  }
}
