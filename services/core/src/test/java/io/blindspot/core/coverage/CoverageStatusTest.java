package io.blindspot.core.coverage;

import static io.blindspot.core.coverage.CoverageFixtures.FRESH;
import static io.blindspot.core.coverage.CoverageFixtures.NOW;
import static io.blindspot.core.coverage.CoverageFixtures.ONE_DISK;
import static io.blindspot.core.coverage.CoverageFixtures.VAR_APART;
import static io.blindspot.core.coverage.CoverageFixtures.asset;
import static io.blindspot.core.coverage.CoverageFixtures.compiled;
import static io.blindspot.core.coverage.CoverageFixtures.evaluate;
import static io.blindspot.core.coverage.CoverageFixtures.rsync;
import static io.blindspot.core.coverage.CoverageFixtures.rule;
import static io.blindspot.core.coverage.CoverageFixtures.verdictAfter;
import static io.blindspot.core.coverage.CoverageFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.Severity;
import io.blindspot.core.world.World;
import io.blindspot.core.world.WorldDeriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every coverage status, readiness and the score's bounds, with jobs compiled by real engines. */
class CoverageStatusTest {

  static final String KERNEL_PROBE = "/var/db/pkg/sys-kernel/gentoo-sources-6.6.13/";
  static final Asset PKG =
      new Asset(
          "/var/db/pkg/",
          AssetKind.PACKAGE_DB,
          Severity.CRITICAL,
          "Portage's installed-package database",
          null,
          List.of(KERNEL_PROBE, "/var/db/pkg/sys-libs/glibc-2.38-r10/"));
  static final Asset WORLD_FILE =
      new Asset("/var/lib/portage/world", AssetKind.WORLD_SET, Severity.CRITICAL, "world file");
  static final Asset ETC = new Asset("/etc/", AssetKind.CONFIG, Severity.HIGH, "/etc");
  static final Asset SSH =
      new Asset("/etc/ssh/", AssetKind.SERVICE_DATA, Severity.HIGH, "SSH host keys");
  static final Asset SRV = new Asset("/srv/", AssetKind.USER_DATA, Severity.HIGH, "/srv");
  static final Asset ROOT = new Asset("/root/", AssetKind.USER_DATA, Severity.HIGH, "root's home");
  static final Asset MYSQL =
      new Asset("/var/lib/mysql/", AssetKind.SERVICE_DATA, Severity.CRITICAL, "MariaDB data");
  static final Asset VAR = new Asset("/var/", AssetKind.MOUNT, Severity.HIGH, "/dev/sda2 at /var");

  static final BackupJob WHOLE_DISK = rsync(Map.of(), "-a", "/", "/backup/");

  @Test
  void coveredWhenAFreshJobKeepsItNamingTheJobAndItsLastSuccess() {
    CoverageReport report = evaluate(world(PKG, ETC), ONE_DISK, compiled(WHOLE_DISK, FRESH));

    AssetCoverage etc = asset(report, "/etc/");
    assertThat(etc.status()).isEqualTo(CoverageStatus.COVERED);
    JobVerdict verdict = etc.jobs().get(0);
    assertThat(verdict.job()).isEqualTo("nightly");
    assertThat(verdict.tool()).isEqualTo("rsync");
    assertThat(verdict.included()).isTrue();
    assertThat(verdict.reason()).isEqualTo("included");
    assertThat(verdict.lastSuccess()).isEqualTo(FRESH);
    assertThat(etc.gaps()).isEmpty();
    assertThat(etc.remediation()).isEmpty();
    assertThat(asset(report, "/var/db/pkg/").status()).isEqualTo(CoverageStatus.COVERED);
    assertThat(report.readiness()).isEqualTo(Readiness.READY);
    assertThat(report.reasons()).isEmpty();
    assertThat(report.score()).isEqualTo(100);
  }

  @Test
  void partialWhenAProbeOfACoveredAssetIsExcludedNamingTheDescendantAndTheRule()
      throws JobConfigException {
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "# kernels are big\n/var/db/pkg/sys-kernel\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");

    CoverageReport report = evaluate(world(PKG), ONE_DISK, compiled(job, FRESH));

    AssetCoverage pkg = asset(report, "/var/db/pkg/");
    assertThat(pkg.status()).isEqualTo(CoverageStatus.PARTIAL);
    assertThat(pkg.jobs().get(0).included()).isTrue();
    Gap gap = pkg.gaps().get(0);
    assertThat(pkg.gaps()).hasSize(1);
    assertThat(gap.path()).isEqualTo(KERNEL_PROBE);
    assertThat(gap.job()).isEqualTo("nightly");
    assertThat(gap.reason()).isEqualTo("parent-excluded");
    assertThat(gap.ancestor()).isEqualTo("/var/db/pkg/sys-kernel/");
    assertThat(gap.rule()).isEqualTo(rule("/etc/backup/excludes", 2, "/var/db/pkg/sys-kernel"));
    // a critical asset kept only in part puts the server at risk
    assertThat(report.readiness()).isEqualTo(Readiness.AT_RISK);
    assertThat(report.reasons()).anyMatch(r -> r.contains("/var/db/pkg/") && r.contains("partial"));
    assertThat(report.score()).isBetween(50, 89);
    // the fix brings the kernel's entry back, and the engine agrees
    Remediation fix = pkg.remediation().get(0);
    assertThat(fix.verified()).isTrue();
    assertThat(verdictAfter(job, fix, KERNEL_PROBE, ONE_DISK).included()).isTrue();
  }

  @Test
  void partialWhenAnAssetBelowIsExcluded() {
    BackupJob job = rsync(Map.of(), "-a", "--exclude=/etc/ssh", "/", "/backup/");

    CoverageReport report = evaluate(world(ETC, SSH), ONE_DISK, compiled(job, FRESH));

    AssetCoverage etc = asset(report, "/etc/");
    assertThat(etc.status()).isEqualTo(CoverageStatus.PARTIAL);
    assertThat(etc.gaps())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.path()).isEqualTo("/etc/ssh/");
              assertThat(g.reason()).isEqualTo("excluded-by-rule");
              assertThat(g.rule()).isEqualTo(rule("command line", 2, "--exclude=/etc/ssh"));
            });
    AssetCoverage ssh = asset(report, "/etc/ssh/");
    assertThat(ssh.status()).isEqualTo(CoverageStatus.UNCOVERED);
    // lost service data: not restorable
    assertThat(report.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
  }

  @Test
  void uncoveredByAnExcludeRuleNamesItsFileAndLine() {
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "/proc\n/srv\n/tmp\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");

    CoverageReport report = evaluate(world(SRV, ETC), ONE_DISK, compiled(job, FRESH));

    AssetCoverage srv = asset(report, "/srv/");
    assertThat(srv.status()).isEqualTo(CoverageStatus.UNCOVERED);
    JobVerdict verdict = srv.jobs().get(0);
    assertThat(verdict.included()).isFalse();
    assertThat(verdict.reason()).isEqualTo("excluded-by-rule");
    assertThat(verdict.rule()).isEqualTo(rule("/etc/backup/excludes", 2, "/srv"));
    assertThat(verdict.ancestor()).isNull();
    assertThat(report.readiness()).isEqualTo(Readiness.AT_RISK); // high, not essential
  }

  @Test
  void uncoveredBecauseAParentIsExcludedNamesTheAncestor() {
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "/var/lib\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");

    CoverageReport report = evaluate(world(MYSQL), ONE_DISK, compiled(job, FRESH));

    JobVerdict verdict = asset(report, "/var/lib/mysql/").jobs().get(0);
    assertThat(verdict.reason()).isEqualTo("parent-excluded");
    assertThat(verdict.ancestor()).isEqualTo("/var/lib/");
    assertThat(verdict.rule()).isEqualTo(rule("/etc/backup/excludes", 1, "/var/lib"));
    assertThat(report.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
  }

  @Test
  void uncoveredOutsideTheSources() {
    BackupJob job = rsync(Map.of(), "-a", "/etc", "/backup/");

    CoverageReport report = evaluate(world(ETC, ROOT), ONE_DISK, compiled(job, FRESH));

    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
    AssetCoverage root = asset(report, "/root/");
    assertThat(root.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(root.jobs().get(0).reason()).isEqualTo("outside-sources");
    assertThat(root.jobs().get(0).rule()).isNull();
  }

  @Test
  void uncoveredOnAnotherFilesystemWithTheRuleThatWouldStillHideIt() {
    BackupJob job = rsync(Map.of(), "-ax", "--exclude=/var/lib", "/", "/backup/");

    CoverageReport report = evaluate(world(MYSQL, VAR, ETC), VAR_APART, compiled(job, FRESH));

    JobVerdict mysql = asset(report, "/var/lib/mysql/").jobs().get(0);
    assertThat(mysql.reason()).isEqualTo("other-filesystem");
    assertThat(mysql.ancestor()).isEqualTo("/var/");
    // crossing into /var alone would not help: the exclude is next
    assertThat(mysql.hiddenRule()).isEqualTo(rule("command line", 2, "--exclude=/var/lib"));
    // the mount point itself is kept (rsync -x creates it) but nothing in it: the mount is lost
    AssetCoverage var = asset(report, "/var/");
    assertThat(var.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(var.jobs().get(0).reason()).isEqualTo("other-filesystem");
    assertThat(var.jobs().get(0).hiddenRule()).isNull();
    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
  }

  @Test
  void inTheFoundingStoryVarItselfIsLostToOneFilesystemAndGetsAVaultOfItsOwn() throws Exception {
    World world =
        new WorldDeriver(ServiceKnowledge.builtIn())
            .derive(FoundingStoryTest.inventory(), FoundingStoryTest.gentoo());
    BackupJob job = FoundingStoryTest.dirvishJob();

    CoverageReport report = evaluate(world, FoundingStoryTest.facts(), compiled(job, FRESH));

    AssetCoverage var = asset(report, "/var/");
    assertThat(var.asset().kind()).isEqualTo(AssetKind.MOUNT);
    assertThat(var.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(var.jobs().get(0).reason()).isEqualTo("other-filesystem");
    assertThat(var.jobs().get(0).ancestor()).isEqualTo("/var/");
    Remediation fix = var.remediation().get(0);
    assertThat(fix.changes().get(0).file()).isEqualTo("/backup/web1-var/dirvish/default.conf");
    assertThat(verdictAfter(job, fix, "/var/", FoundingStoryTest.facts()).included()).isTrue();
    // the root filesystem is kept, but not what is mounted below it
    AssetCoverage root = asset(report, "/");
    assertThat(root.status()).isEqualTo(CoverageStatus.PARTIAL);
    assertThat(root.gaps()).extracting(Gap::path).contains("/var/", "/var/db/pkg/");
    // the package database's fix, applied, keeps every installed package's entry
    AssetCoverage pkg = asset(report, "/var/db/pkg/");
    for (String probe : pkg.asset().probes()) {
      assertThat(
              verdictAfter(job, pkg.remediation().get(0), probe, FoundingStoryTest.facts())
                  .included())
          .as(probe)
          .isTrue();
    }
  }

  @Test
  void staleWhenTheLastSuccessIsTooOldOrThereWasNone() {
    JobUnderTest old = compiled(WHOLE_DISK, NOW.minus(Duration.ofDays(3)));
    CoverageReport report = evaluate(world(PKG, ETC), ONE_DISK, old);
    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.STALE);
    assertThat(asset(report, "/var/db/pkg/").status()).isEqualTo(CoverageStatus.STALE);
    assertThat(report.readiness()).isEqualTo(Readiness.AT_RISK);
    assertThat(report.reasons()).anyMatch(r -> r.contains("/var/db/pkg/ is stale"));
    assertThat(report.score()).isBetween(50, 89);

    CoverageReport never = evaluate(world(ETC), ONE_DISK, compiled(WHOLE_DISK, null));
    assertThat(asset(never, "/etc/").status()).isEqualTo(CoverageStatus.STALE);

    // just inside the maximum age is still fresh
    CoverageReport edge =
        evaluate(world(ETC), ONE_DISK, compiled(WHOLE_DISK, NOW.minus(Duration.ofHours(26))));
    assertThat(asset(edge, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
  }

  @Test
  void aStaleJobDoesNotCountWhenAFreshOneKeepsTheAsset() {
    BackupJob etcOnly =
        CoverageFixtures.job("etc", "tar", Map.of(), "tar", "-cf", "/b/e.tar", "/etc");
    CoverageReport report =
        evaluate(
            world(ETC),
            ONE_DISK,
            compiled(WHOLE_DISK, NOW.minus(Duration.ofDays(9))),
            compiled(etcOnly, FRESH));
    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
  }

  @Test
  void verifiedOrMissingFromTheSnapshotWhenAListingWasUploaded() {
    SnapshotListing listing = listing(Set.of("/etc/", "/var/db/pkg/"), Set.of("/etc/"));

    CoverageReport report =
        evaluate(world(PKG, ETC, ROOT), ONE_DISK, compiled(WHOLE_DISK, FRESH, listing));

    assertThat(asset(report, "/etc/").status()).isEqualTo(CoverageStatus.VERIFIED);
    // the rules keep it, but the snapshot does not have it
    assertThat(asset(report, "/var/db/pkg/").status())
        .isEqualTo(CoverageStatus.MISSING_FROM_SNAPSHOT);
    // the listing was not checked for /root/: the rules are all there is
    assertThat(asset(report, "/root/").status()).isEqualTo(CoverageStatus.COVERED);
    assertThat(report.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
    assertThat(report.reasons()).anyMatch(r -> r.contains("/var/db/pkg/ is missing-from-snapshot"));

    // a stale job's listing proves nothing about today
    CoverageReport stale =
        evaluate(
            world(ETC), ONE_DISK, compiled(WHOLE_DISK, NOW.minus(Duration.ofDays(4)), listing));
    assertThat(asset(stale, "/etc/").status()).isEqualTo(CoverageStatus.STALE);
  }

  @Test
  void aJobTheEngineRejectsIsNotEvaluableAndSaysWhy() {
    BackupJob broken = rsync(Map.of(), "-a", "--frobnicate", "/", "/backup/");
    assertThatThrownBy(() -> BackupRuleEngines.compile(broken))
        .isInstanceOf(JobConfigException.class);
    String error;
    try {
      BackupRuleEngines.compile(broken);
      throw new AssertionError("unreachable");
    } catch (JobConfigException e) {
      error = e.getMessage();
    }
    JobUnderTest notEvaluable = new JobUnderTest(broken, null, error, FRESH, null, null);

    CoverageReport alone = evaluate(world(PKG, ETC), ONE_DISK, notEvaluable);
    AssetCoverage etc = asset(alone, "/etc/");
    assertThat(etc.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(etc.jobs().get(0).reason()).isEqualTo("job-not-evaluable");
    assertThat(etc.jobs().get(0).included()).isFalse();
    assertThat(etc.jobs().get(0).ancestor()).contains("frobnicate");
    assertThat(etc.remediation()).isEmpty();
    assertThat(alone.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);

    // another job still keeps it; the broken one is listed beside it
    BackupJob tar = CoverageFixtures.job("etc", "tar", Map.of(), "tar", "-cf", "/b/e.tar", "/");
    CoverageReport both = evaluate(world(ETC), ONE_DISK, notEvaluable, compiled(tar, FRESH));
    assertThat(asset(both, "/etc/").status()).isEqualTo(CoverageStatus.COVERED);
    assertThat(asset(both, "/etc/").jobs())
        .extracting(JobVerdict::reason)
        .containsExactly("job-not-evaluable", "included");
  }

  @Test
  void readinessAndScoreBounds() {
    // no job at all
    CoverageReport none =
        new CoverageEvaluator(CoverageFixtures.MAX_AGE)
            .evaluate(world(PKG, ETC), List.of(), ONE_DISK, NOW);
    assertThat(none.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
    assertThat(none.reasons()).first().asString().contains("no backup job");
    assertThat(none.score()).isBetween(0, 49);

    // only a high asset lost: at risk, capped at 89
    BackupJob noSrv = rsync(Map.of(), "-a", "--exclude=/srv", "/", "/backup/");
    CoverageReport atRisk = evaluate(world(PKG, ETC, SRV), ONE_DISK, compiled(noSrv, FRESH));
    assertThat(atRisk.readiness()).isEqualTo(Readiness.AT_RISK);
    assertThat(atRisk.score()).isEqualTo(89); // 100 - 8, capped

    // service data lost: not restorable, capped at 49
    BackupJob noMysql = rsync(Map.of(), "-a", "--exclude=/var/lib/mysql", "/", "/backup/");
    CoverageReport lost = evaluate(world(PKG, ETC, MYSQL), ONE_DISK, compiled(noMysql, FRESH));
    assertThat(lost.readiness()).isEqualTo(Readiness.NOT_RESTORABLE);
    assertThat(lost.score()).isEqualTo(49); // 100 - 25, capped
    assertThat(lost.reasons().get(0)).contains("service-data /var/lib/mysql/ is uncovered");

    // everything lost: never below 0
    BackupJob etcOnly = rsync(Map.of(), "-a", "/boot", "/backup/");
    CoverageReport worst =
        evaluate(
            world(PKG, WORLD_FILE, MYSQL, ETC, SSH, SRV, ROOT), ONE_DISK, compiled(etcOnly, FRESH));
    assertThat(worst.score()).isZero();

    // a lost medium asset alone changes the score, not the readiness
    Asset conf =
        new Asset("/etc/foo.conf", AssetKind.CONFIG, Severity.MEDIUM, "config of foo; unknown");
    BackupJob noFoo = rsync(Map.of(), "-a", "--exclude=/etc/foo.conf", "/", "/backup/");
    CoverageReport medium = evaluate(world(ETC, conf), ONE_DISK, compiled(noFoo, FRESH));
    assertThat(medium.readiness()).isEqualTo(Readiness.READY);
    // 100 - 2 (the medium file) - 4 (/etc/, high, kept only in part)
    assertThat(medium.score()).isEqualTo(94);
  }

  static SnapshotListing listing(Set<String> known, Set<String> present) {
    return new SnapshotListing() {
      @Override
      public boolean knows(String path) {
        return known.contains(path);
      }

      @Override
      public boolean contains(String path) {
        return present.contains(path);
      }
    };
  }
}
