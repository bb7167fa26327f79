package io.blindspot.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.rebuild.RebuildPlan;
import io.blindspot.core.rebuild.RebuildPlanner;
import io.blindspot.core.rebuild.RebuildScript;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.Mount;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.World;
import io.blindspot.core.world.WorldDeriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The story Blindspot exists for: a Gentoo server, nightly dirvish, /var on its own partition and
 * /var/db excluded "to save time" — so /var/db/pkg was never backed up.
 */
class FoundingStoryTest {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  static final String MASTER_CONF =
      """
      bank:
      \t/backup
      exclude:
      \tlost+found/
      \t/proc
      \t/sys
      \t/var/db
      \t/tmp
      index: gzip
      """;

  static final String VAULT_CONF =
      """
      client: localhost
      tree: /
      xdev: 1
      """;

  static BackupJob dirvishJob() {
    return new BackupJob(
        "web1",
        "dirvish",
        List.of("dirvish", "--vault", "web1"),
        Map.of(
            "/etc/dirvish/master.conf",
            MASTER_CONF,
            "/backup/web1/dirvish/default.conf",
            VAULT_CONF),
        "0 3 * * *",
        null);
  }

  static PackageSet gentoo() {
    return new PackageSet(
        PackageManager.PORTAGE,
        List.of(
            InstalledPackage.builder("gentoo-sources")
                .category("sys-kernel")
                .version("6.6.13")
                .slot("6.6.13")
                .reason(InstallReason.EXPLICIT)
                .build(),
            InstalledPackage.builder("gentoo-sources")
                .category("sys-kernel")
                .version("6.1.69")
                .slot("6.1.69")
                .reason(InstallReason.EXPLICIT)
                .build(),
            InstalledPackage.builder("glibc")
                .category("sys-libs")
                .version("2.38-r10")
                .slot("2.2")
                .reason(InstallReason.DEPENDENCY)
                .build()),
        List.of("sys-kernel/gentoo-sources"),
        List.of());
  }

  static Inventory inventory() {
    return new Inventory(
        "web1",
        new Inventory.OsRelease("gentoo", List.of(), "Gentoo", "2.17"),
        "6.6.13-gentoo",
        "x86_64",
        List.of(
            new Mount("/dev/hdc3", "/", "ext4", "rw,noatime", 20L << 30, 8L << 30),
            new Mount("/dev/hdc4", "/var", "ext4", "rw,noatime", 40L << 30, 12L << 30),
            new Mount("proc", "/proc", "proc", "rw", 0L, 0L)),
        "label: dos\n/dev/hdc3 : start=2048, size=41943040, type=83\n",
        "/dev/hdc3 / ext4 noatime 0 1\n/dev/hdc4 /var ext4 noatime 0 2\n",
        List.of("sshd"),
        List.of(),
        null);
  }

  static TreeFacts facts() {
    return new TreeFacts(
        List.of(
            new Filesystem("/", "/dev/hdc3"),
            new Filesystem("/var", "/dev/hdc4"),
            new Filesystem("/proc", "proc")),
        Map.of(),
        Map.of());
  }

  @Test
  void thePackageDatabaseIsUncoveredAndTheFixIsConfirmedByTheEngine() throws JobConfigException {
    BackupJob job = dirvishJob();
    World world = new WorldDeriver(ServiceKnowledge.builtIn()).derive(inventory(), gentoo());
    JobUnderTest underTest =
        new JobUnderTest(
            job,
            BackupRuleEngines.compile(job),
            null,
            NOW.minus(Duration.ofHours(3)),
            "2026-11-25",
            null);

    CoverageReport report =
        new CoverageEvaluator(Duration.ofHours(26))
            .evaluate(world, List.of(underTest), facts(), NOW);

    AssetCoverage pkg = asset(report, "/var/db/pkg/");
    assertThat(pkg.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(pkg.asset().severity().id()).isEqualTo("critical");
    // /var is another filesystem and the vault keeps to one
    assertThat(pkg.jobs().get(0).reason()).isEqualTo("other-filesystem");
    assertThat(pkg.jobs().get(0).ancestor()).isEqualTo("/var/");
    // and past the mount point, the exclude line would still hide it
    assertThat(pkg.jobs().get(0).hiddenRule().file()).isEqualTo("/etc/dirvish/master.conf");
    assertThat(pkg.jobs().get(0).hiddenRule().line()).isEqualTo(7);
    assertThat(pkg.jobs().get(0).hiddenRule().text()).isEqualTo("/var/db");
    assertThat(asset(report, "/var/lib/portage/world").status())
        .isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(report.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
    assertThat(report.score()).isLessThanOrEqualTo(49);

    // the fix: a vault for /var, where the /var/db exclude still applies and must go as well
    Remediation fix = pkg.remediation().get(0);
    assertThat(fix.verified()).isTrue();
    assertThat(fix.changes()).extracting(Remediation.Change::action).contains("create-file");
    assertThat(fix.summary()).contains("/var");
  }

  @Test
  void withoutTheSeparatePartitionTheExcludeLineIsNamedAndTheIncludeFixWorks()
      throws JobConfigException {
    BackupJob job = dirvishJob();
    Inventory oneDisk =
        new Inventory(
            "web1",
            inventory().os(),
            null,
            null,
            List.of(new Mount("/dev/hdc3", "/", "ext4", "rw", 1L, 1L)),
            null,
            null,
            List.of(),
            List.of(),
            null);
    World world = new WorldDeriver(ServiceKnowledge.builtIn()).derive(oneDisk, gentoo());
    TreeFacts facts = new TreeFacts(List.of(new Filesystem("/", "/dev/hdc3")), Map.of(), Map.of());
    JobUnderTest underTest =
        new JobUnderTest(job, BackupRuleEngines.compile(job), null, NOW, "img", null);

    CoverageReport report =
        new CoverageEvaluator(Duration.ofHours(26)).evaluate(world, List.of(underTest), facts, NOW);

    AssetCoverage pkg = asset(report, "/var/db/pkg/");
    assertThat(pkg.status()).isEqualTo(CoverageStatus.UNCOVERED);
    AssetCoverage.JobVerdict verdict = pkg.jobs().get(0);
    assertThat(verdict.reason()).isEqualTo("parent-excluded");
    assertThat(verdict.rule().file()).isEqualTo("/etc/dirvish/master.conf");
    assertThat(verdict.rule().line()).isEqualTo(7);
    assertThat(verdict.rule().text()).isEqualTo("/var/db");
    Remediation fix = pkg.remediation().get(0);
    assertThat(fix.verified()).isTrue();
    assertThat(fix.changes().get(0).text()).contains("+ /var/db/pkg/***");
    // the rest of /var/db stays excluded, as the operator wanted
    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
  }

  @Test
  void theRebuildPlanHoldsBothKernelSlots() throws JobConfigException {
    PackageSet packages = gentoo();
    RebuildPlan plan = new RebuildPlanner().plan("web1", packages, inventory(), null);
    assertThat(plan.packages())
        .contains("=sys-kernel/gentoo-sources-6.6.13", "=sys-kernel/gentoo-sources-6.1.69");
    assertThat(plan.packages().get(0)).isEqualTo("=sys-libs/glibc-2.38-r10");
    String script = RebuildScript.render(plan);
    assertThat(script)
        .contains("emerge --oneshot --nodeps")
        .contains("=sys-kernel/gentoo-sources-6.1.69")
        .contains("sys-kernel/gentoo-sources\nBLINDSPOT_EOF")
        .contains("/dev/hdc4 /var ext4");
  }

  private static AssetCoverage asset(CoverageReport report, String path) {
    return report.assets().stream()
        .filter(a -> a.asset().path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no asset " + path));
  }
}
