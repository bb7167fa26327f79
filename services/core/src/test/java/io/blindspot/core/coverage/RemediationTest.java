package io.blindspot.core.coverage;

import static io.blindspot.core.coverage.CoverageFixtures.FRESH;
import static io.blindspot.core.coverage.CoverageFixtures.ONE_DISK;
import static io.blindspot.core.coverage.CoverageFixtures.VAR_APART;
import static io.blindspot.core.coverage.CoverageFixtures.apply;
import static io.blindspot.core.coverage.CoverageFixtures.asset;
import static io.blindspot.core.coverage.CoverageFixtures.compiled;
import static io.blindspot.core.coverage.CoverageFixtures.evaluate;
import static io.blindspot.core.coverage.CoverageFixtures.job;
import static io.blindspot.core.coverage.CoverageFixtures.rsnapshot;
import static io.blindspot.core.coverage.CoverageFixtures.rsnapshotConf;
import static io.blindspot.core.coverage.CoverageFixtures.rsync;
import static io.blindspot.core.coverage.CoverageFixtures.verdictAfter;
import static io.blindspot.core.coverage.CoverageFixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.coverage.Remediation.Change;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fix per tool, in the tool's own syntax, offered only when the engine keeps the asset once the
 * fix is applied; each test applies the changes itself and asks the engine again.
 */
class RemediationTest {

  static final Asset SRV = new Asset("/srv/", AssetKind.USER_DATA, Severity.HIGH, "/srv");
  static final Asset MYSQL =
      new Asset("/var/lib/mysql/", AssetKind.SERVICE_DATA, Severity.CRITICAL, "MariaDB data");
  static final Asset PKG =
      new Asset("/var/db/pkg/", AssetKind.PACKAGE_DB, Severity.CRITICAL, "Portage's database");

  /** The single verified fix offered for an asset, checked again by applying it. */
  static Remediation fixFor(BackupJob job, Asset asset, TreeFacts facts) throws Exception {
    CoverageReport report = evaluate(world(asset), facts, compiled(job, FRESH));
    AssetCoverage coverage = asset(report, asset.path());
    assertThat(coverage.status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(coverage.remediation()).hasSize(1);
    Remediation fix = coverage.remediation().get(0);
    assertThat(fix.verified()).isTrue();
    assertThat(fix.job()).isEqualTo(job.name());
    assertThat(verdictAfter(job, fix, asset.path(), facts).included())
        .as("%s after %s", asset.path(), fix.summary())
        .isTrue();
    return fix;
  }

  static boolean keeps(BackupJob job, String path) throws Exception {
    return BackupRuleEngines.compile(job).evaluate(List.of(path), ONE_DISK).get(0).included();
  }

  @Test
  void rsyncExcludeFromLineIsRemoved() throws Exception {
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "/proc\n/srv\n/tmp\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");

    Remediation fix = fixFor(job, SRV, ONE_DISK);

    assertThat(fix.changes())
        .containsExactly(new Change("/etc/backup/excludes", "remove-line", 2, "/srv"));
    assertThat(fix.summary()).contains("line 2").contains("/etc/backup/excludes");
    assertThat(keeps(apply(job, fix), "/tmp/")).isFalse();
  }

  @Test
  void rsyncIncludesAreInsertedBeforeTheRuleThatExcludesTheParent() throws Exception {
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "# scratch\n- /var/lib\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");

    Remediation fix = fixFor(job, MYSQL, ONE_DISK);

    assertThat(fix.changes())
        .containsExactly(
            new Change(
                "/etc/backup/excludes",
                "insert-before",
                2,
                "+ /var/lib/\n+ /var/lib/mysql/***\n- /var/lib/*"));
    // first match wins: the rest of /var/lib stays excluded, as the operator wanted
    BackupJob fixed = apply(job, fix);
    assertThat(keeps(fixed, "/var/lib/mysql/ibdata1")).isTrue();
    assertThat(keeps(fixed, "/var/lib/apt/")).isFalse();
  }

  @Test
  void rsyncCommandLineExcludeIsRemoved() throws Exception {
    BackupJob job = rsync(Map.of(), "-a", "--exclude=/srv", "--exclude=/tmp", "/", "/backup/");

    Remediation fix = fixFor(job, SRV, ONE_DISK);

    assertThat(fix.changes())
        .containsExactly(new Change("command line", "remove-argument", 2, "--exclude=/srv"));
    assertThat(apply(job, fix).command())
        .containsExactly("rsync", "-a", "--exclude=/tmp", "/", "/backup/");
  }

  @Test
  void resticExcludeIsRemovedJoinedOrSplit() throws Exception {
    BackupJob joined =
        job(
            "offsite",
            "restic",
            Map.of(),
            "restic",
            "-r",
            "/repo",
            "backup",
            "--exclude=/srv",
            "/");
    Remediation fix = fixFor(joined, SRV, ONE_DISK);
    assertThat(apply(joined, fix).command())
        .containsExactly("restic", "-r", "/repo", "backup", "/");

    BackupJob split =
        job("offsite", "restic", Map.of(), "restic", "backup", "--exclude", "/srv", "-x", "/");
    Remediation splitFix = fixFor(split, SRV, ONE_DISK);
    assertThat(splitFix.changes())
        .extracting(Change::text)
        .containsExactly("--exclude", "/srv"); // the pattern must not stay behind as a source
    assertThat(apply(split, splitFix).command()).containsExactly("restic", "backup", "-x", "/");
  }

  @Test
  void tarExcludeIsRemovedJoinedOrSplit() throws Exception {
    BackupJob joined =
        job("tar", "tar", Map.of(), "tar", "-czf", "/b/x.tgz", "--exclude=/srv", "/");
    Remediation fix = fixFor(joined, SRV, ONE_DISK);
    assertThat(apply(joined, fix).command()).containsExactly("tar", "-czf", "/b/x.tgz", "/");

    BackupJob split =
        job("tar", "tar", Map.of(), "tar", "-czf", "/b/x.tgz", "--exclude", "/srv", "/");
    Remediation splitFix = fixFor(split, SRV, ONE_DISK);
    assertThat(apply(split, splitFix).command()).containsExactly("tar", "-czf", "/b/x.tgz", "/");
    assertThat(splitFix.summary()).contains("`--exclude /srv`");
  }

  @Test
  void tarExcludeFileLineIsRemoved() throws Exception {
    BackupJob job =
        job(
            "tar",
            "tar",
            Map.of("/etc/tar.exclude", "/proc\n/var/lib/mysql\n"),
            "tar",
            "-cf",
            "/b/x.tar",
            "-X",
            "/etc/tar.exclude",
            "/");
    Remediation fix = fixFor(job, MYSQL, ONE_DISK);
    assertThat(fix.changes())
        .containsExactly(new Change("/etc/tar.exclude", "remove-line", 2, "/var/lib/mysql"));
  }

  @Test
  void borgExcludeIsRemoved() throws Exception {
    BackupJob job = job("borg", "borg", Map.of(), "borg", "create", "-e", "/srv", "/repo::a", "/");
    Remediation fix = fixFor(job, SRV, ONE_DISK);
    assertThat(apply(job, fix).command()).containsExactly("borg", "create", "/repo::a", "/");
  }

  @Test
  void rsnapshotExcludeLineIsRemoved() throws Exception {
    BackupJob job =
        rsnapshot(rsnapshotConf("exclude\t/proc", "exclude\t/srv", "backup\t/\tlocalhost/"));
    Remediation fix = fixFor(job, SRV, ONE_DISK);
    assertThat(fix.changes())
        .containsExactly(new Change("/etc/rsnapshot.conf", "remove-line", 6, "exclude\t/srv"));
  }

  @Test
  void rsnapshotIncludeLinesAreInsertedBeforeTheExcludeOfTheParent() throws Exception {
    BackupJob job = rsnapshot(rsnapshotConf("exclude\t/var/lib", "backup\t/\tlocalhost/"));

    Remediation fix = fixFor(job, MYSQL, ONE_DISK);

    assertThat(fix.changes())
        .containsExactly(
            new Change(
                "/etc/rsnapshot.conf",
                "insert-before",
                5,
                "include\t/var/lib/\ninclude\t/var/lib/mysql/***\nexclude\t/var/lib/*"));
    assertThat(keeps(apply(job, fix), "/var/lib/apt/")).isFalse();
  }

  @Test
  void dirvishExcludeGetsAnIncludeBeforeIt() throws Exception {
    BackupJob job =
        CoverageFixtures.dirvish(
            "bank:\n\t/backup\nexclude:\n\t/proc\n\t/var/db\n", "client: localhost\ntree: /\n");
    Remediation fix = fixFor(job, PKG, ONE_DISK);
    assertThat(fix.changes().get(0).file()).isEqualTo("/etc/dirvish/master.conf");
    assertThat(fix.changes().get(0).text())
        .isEqualTo("\t+ /var/db/\n\t+ /var/db/pkg/***\n\t- /var/db/*");
    assertThat(keeps(apply(job, fix), "/var/db/repos/")).isFalse();
  }

  @Test
  void dirvishOnOneFilesystemGetsAVaultForTheOtherOne() throws Exception {
    BackupJob job =
        CoverageFixtures.dirvish(
            "bank:\n\t/backup\nexclude:\n\t/proc\n", "client: localhost\ntree: /\nxdev: 1\n");
    Remediation fix = fixFor(job, PKG, VAR_APART);
    Change create = fix.changes().get(0);
    assertThat(create.action()).isEqualTo("create-file");
    assertThat(create.file()).isEqualTo("/backup/web1-var/dirvish/default.conf");
    assertThat(create.text()).contains("tree: /var").contains("xdev: 1");
    assertThat(fix.summary()).contains("dirvish --vault web1-var --init");

    // a vault of that name exists already: the new one gets another
    Map<String, String> files = new HashMap<>(job.files());
    files.put("/backup/web1-var/dirvish/default.conf", "client: other\ntree: /var\n");
    BackupJob crowded =
        new BackupJob(job.name(), job.tool(), job.command(), files, job.schedule(), null);
    Remediation other = fixFor(crowded, PKG, VAR_APART);
    assertThat(other.changes().get(0).file()).isEqualTo("/backup/web1-var-2/dirvish/default.conf");
  }

  @Test
  void anotherFilesystemBecomesASourceOfItsOwn() throws Exception {
    BackupJob rsync = rsync(Map.of(), "-ax", "/", "/backup/");
    Remediation rsyncFix = fixFor(rsync, MYSQL, VAR_APART);
    assertThat(apply(rsync, rsyncFix).command())
        .containsExactly("rsync", "-ax", "/", "/var", "/backup/");

    BackupJob tar = job("tar", "tar", Map.of(), "tar", "--one-file-system", "-cf", "/b/x.tar", "/");
    assertThat(apply(tar, fixFor(tar, MYSQL, VAR_APART)).command()).endsWith("/", "/var");

    BackupJob restic = job("restic", "restic", Map.of(), "restic", "backup", "-x", "/");
    assertThat(apply(restic, fixFor(restic, MYSQL, VAR_APART)).command()).endsWith("/var");

    BackupJob snap = rsnapshot(rsnapshotConf("one_fs\t1", "backup\t/\tlocalhost/"));
    Remediation snapFix = fixFor(snap, MYSQL, VAR_APART);
    assertThat(snapFix.changes().get(0).text()).isEqualTo("backup\t/var/\tlocalhost/");
  }

  @Test
  void aPathOutsideTheSourcesIsAdded() throws Exception {
    BackupJob rsync = rsync(Map.of(), "-a", "/etc", "/home", "/backup/");
    assertThat(apply(rsync, fixFor(rsync, SRV, ONE_DISK)).command())
        .containsExactly("rsync", "-a", "/etc", "/home", "/srv", "/backup/");
    BackupJob borg = job("borg", "borg", Map.of(), "borg", "create", "/repo::a", "/etc");
    assertThat(apply(borg, fixFor(borg, SRV, ONE_DISK)).command()).endsWith("/etc", "/srv");
  }

  @Test
  void noFixIsOfferedWhenTheEngineDoesNotConfirmOne() {
    // five rules hide /srv: the planner stops after four edits, so nothing it found was confirmed
    BackupJob job =
        rsync(
            Map.of("/etc/backup/excludes", "/srv\n/srv/\nsrv\nsrv/\n/sr*\n"),
            "-a",
            "--exclude-from=/etc/backup/excludes",
            "/",
            "/backup/");
    CoverageReport report = evaluate(world(SRV), ONE_DISK, compiled(job, FRESH));
    assertThat(asset(report, "/srv/").status()).isEqualTo(CoverageStatus.UNCOVERED);
    assertThat(asset(report, "/srv/").remediation()).isEmpty();

    // a rule reference that does not match the job is not guessed at
    BackupJob other = rsync(Map.of(), "-a", "--exclude=/srv", "/", "/backup/");
    for (int index : new int[] {1, 3}) { // "-a", "/"
      Verdict wrong =
          new Verdict(
              "/srv/",
              false,
              Reason.EXCLUDED_BY_RULE,
              new RuleRef(RuleRef.COMMAND_LINE, index, "--exclude=/srv"),
              null);
      assertThat(new RemediationPlanner().plan(other, "/srv/", wrong, ONE_DISK)).isEmpty();
    }

    // a rule in a per-directory filter file lives in the tree, not in the job: nothing to edit
    Verdict merge =
        new Verdict(
            "/srv/",
            false,
            Reason.EXCLUDED_BY_RULE,
            new RuleRef("/.rsync-filter", 1, "- /srv"),
            null);
    assertThat(new RemediationPlanner().plan(other, "/srv/", merge, ONE_DISK)).isEmpty();
  }
}
