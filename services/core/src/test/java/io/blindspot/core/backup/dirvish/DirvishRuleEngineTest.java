package io.blindspot.core.backup.dirvish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirvishRuleEngineTest {

  static final String MASTER =
      "bank:\n"
          + "\t/backup\n"
          + "exclude:\n"
          + "\tlost+found/\n"
          + "\tcore\n"
          + "\t/proc/\n"
          + "\t/var/db\n"
          + "\t/tmp/ # scratch\n"
          + "image-default: %Y%m%d\n";

  static final String VAULT = "client: localhost\ntree: /\nxdev: 1\nindex: gzip\n";

  static BackupRules compile(String master, String vault, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("dirvish", "--vault", "gentoo"));
    cmd.addAll(List.of(args));
    return BackupRuleEngines.compile(
        new BackupJob(
            "nightly",
            "dirvish",
            cmd,
            Map.of(
                "/etc/dirvish/master.conf", master, "/backup/gentoo/dirvish/default.conf", vault),
            null,
            null));
  }

  @Test
  void foundingStoryWithSeparateVarFilesystem() throws Exception {
    BackupRules r = compile(MASTER, VAULT);
    TreeFacts f =
        new TreeFacts(
            List.of(new Filesystem("/", "/dev/hdc3"), new Filesystem("/var", "/dev/hdc4")),
            Map.of(),
            Map.of());
    List<Verdict> v = r.evaluate(List.of("/var/", "/var/db/pkg/", "/etc/passwd"), f);
    assertThat(v.get(0).included()).isTrue(); // rsync -x still creates the mount point
    assertThat(v.get(1).included()).isFalse();
    assertThat(v.get(1).reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(v.get(1).ancestor()).isEqualTo("/var/");
    assertThat(v.get(2).included()).isTrue();
    assertThat(r.sources()).containsExactly("/");
  }

  @Test
  void foundingStoryOnOneFilesystemNamesTheMasterConfLine() throws Exception {
    BackupRules r = compile(MASTER, VAULT);
    TreeFacts f = new TreeFacts(List.of(new Filesystem("/", "/dev/hdc3")), Map.of(), Map.of());
    List<Verdict> v = r.evaluate(List.of("/var/db/", "/var/db/pkg/", "/var/lib/"), f);
    RuleRef line7 = new RuleRef("/etc/dirvish/master.conf", 7, "/var/db");
    assertThat(v.get(0).reason()).isEqualTo(Reason.EXCLUDED_BY_RULE);
    assertThat(v.get(0).rule()).isEqualTo(line7);
    assertThat(v.get(1).reason()).isEqualTo(Reason.PARENT_EXCLUDED);
    assertThat(v.get(1).rule()).isEqualTo(line7);
    assertThat(v.get(1).ancestor()).isEqualTo("/var/db/");
    assertThat(v.get(2).included()).isTrue();
    RuleTrace t = r.explain("/var/db/pkg/", f);
    assertThat(t.steps()).isNotEmpty();
    assertThat(t.steps().get(t.steps().size() - 1).rule()).isEqualTo(line7);
    // comments are stripped from patterns
    assertThat(r.evaluate(List.of("/tmp/x"), f).get(0).rule())
        .isEqualTo(new RuleRef("/etc/dirvish/master.conf", 8, "/tmp/"));
  }

  @Test
  void masterAndVaultExcludesBothApplyMasterFirst() throws Exception {
    BackupRules r = compile(MASTER, VAULT + "exclude:\n\t/home/*/.cache/\n");
    Verdict v = r.evaluate(List.of("/home/a/.cache/"), TreeFacts.NONE).get(0);
    assertThat(v.rule())
        .isEqualTo(new RuleRef("/backup/gentoo/dirvish/default.conf", 6, "/home/*/.cache/"));
    assertThat(r.evaluate(List.of("/proc/"), TreeFacts.NONE).get(0).included()).isFalse();
  }

  @Test
  void resetDropsTheMasterExcludes() throws Exception {
    BackupRules r = compile(MASTER, VAULT + "RESET exclude\n\t/home/\n");
    assertThat(r.evaluate(List.of("/var/db/", "/home/"), TreeFacts.NONE))
        .extracting(Verdict::included)
        .containsExactly(true, false);
  }

  @Test
  void inlineListValueIsTheWholeLineAndNeverMatches() throws Exception {
    BackupRules r = compile("bank:\n\t/backup\nexclude: /var/db\n", VAULT);
    assertThat(r.evaluate(List.of("/var/db/"), TreeFacts.NONE).get(0).included()).isTrue();
  }

  @Test
  void xdevOffAndCommandLineOverrides() throws Exception {
    TreeFacts f =
        new TreeFacts(
            List.of(new Filesystem("/", "a"), new Filesystem("/var", "b")), Map.of(), Map.of());
    assertThat(
            compile(MASTER, VAULT, "--no-xdev").evaluate(List.of("/var/lib/"), f).get(0).included())
        .isTrue();
    assertThat(
            compile(MASTER, "client: localhost\ntree: /\nxdev: 0\n")
                .evaluate(List.of("/var/lib/"), f)
                .get(0)
                .included())
        .isTrue();
    assertThat(
            compile(MASTER, VAULT, "--exclude", "/etc/")
                .evaluate(List.of("/etc/"), TreeFacts.NONE)
                .get(0)
                .rule()
                .file())
        .isEqualTo(RuleRef.COMMAND_LINE);
  }

  @Test
  void treeWithAliasLosesACharacterLikeDirvish() throws Exception {
    BackupRules r = compile(MASTER, "client: localhost\ntree: /home /h\n");
    assertThat(r.sources()).containsExactly("/hom");
    assertThat(r.caveats()).anyMatch(c -> c.option().startsWith("tree:"));
  }

  @Test
  void rsyncOptionsFromTheConfigAreApplied() throws Exception {
    BackupRules r = compile(MASTER, VAULT + "rsync-option:\n\t--exclude=*.log\n");
    Verdict v = r.evaluate(List.of("/srv/x.log"), TreeFacts.NONE).get(0);
    assertThat(v.included()).isFalse();
    assertThat(v.rule().file()).isEqualTo("/backup/gentoo/dirvish/default.conf");
    assertThat(v.rule().line()).isEqualTo(6);
  }

  @Test
  void badJobs() {
    assertThatThrownBy(
            () ->
                BackupRuleEngines.compile(
                    new BackupJob(
                        "n", "dirvish", List.of("dirvish", "--vault", "x"), Map.of(), null, null)))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("master");
    assertThatThrownBy(() -> compile(MASTER, VAULT, "--frob")).hasMessageContaining("--frob");
    assertThatThrownBy(() -> compile(MASTER, "tree: /\n")).hasMessageContaining("client");
  }
}
