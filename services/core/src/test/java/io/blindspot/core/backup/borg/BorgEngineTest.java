package io.blindspot.core.backup.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BorgEngineTest {

  static BackupRules compile(Map<String, String> files, String... argv) throws JobConfigException {
    return BackupRuleEngines.compile(new BackupJob("j", "borg", List.of(argv), files, null, null));
  }

  @Test
  void includeBelowExcludedDirectoryIsStoredWithoutParents() throws Exception {
    BackupRules r =
        compile(
            Map.of("/etc/borg/patterns", "R /home\n+ home/*/.ssh\n- home\n"),
            "borg",
            "create",
            "--patterns-from",
            "/etc/borg/patterns",
            "::{now}");
    assertThat(r.sources()).containsExactly("/home");
    List<Verdict> v =
        r.evaluate(
            List.of(
                "/home/",
                "/home/alice/",
                "/home/alice/.ssh/",
                "/home/alice/.ssh/id",
                "/home/alice/x"),
            TreeFacts.NONE);
    assertThat(v).extracting(Verdict::included).containsExactly(false, false, true, true, false);
  }

  @Test
  void unknownOptionStyleAndArgparseDash() {
    assertThatThrownBy(() -> compile(Map.of(), "borg", "create", "--frob", "::a", "/x"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("--frob");
    assertThatThrownBy(() -> compile(Map.of(), "borg", "create", "-e", "xx:foo", "::a", "/x"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("xx");
    assertThatThrownBy(() -> compile(Map.of(), "borg", "create", "--pattern", "-/x/y", "::a", "/x"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("--pattern=");
  }

  @Test
  void explainShowsFirstMatchDeciding() throws Exception {
    BackupRules r =
        compile(
            Map.of(),
            "borg",
            "create",
            "-e",
            "*.log",
            "--pattern=+sh:var/log/keep.log",
            "::a",
            "/var");
    io.blindspot.core.backup.RuleTrace t = r.explain("/var/log/keep.log", TreeFacts.NONE);
    assertThat(t.verdict().reason()).isEqualTo(Reason.EXCLUDED_BY_RULE);
    assertThat(t.verdict().rule().text()).isEqualTo("-e *.log");
    assertThat(t.steps())
        .filteredOn(s -> s.path().equals("/var/log/keep.log"))
        .extracting(s -> s.decided())
        .containsExactly(true); // first match wins: later patterns are not considered
  }

  @Test
  void oneFileSystemKeepsMountPoint() throws Exception {
    BackupRules r = compile(Map.of(), "borg", "create", "-x", "--exclude-nodump", "repo::a", "/");
    TreeFacts facts =
        new TreeFacts(
            List.of(new Filesystem("/", "sda1"), new Filesystem("/proc", "proc")),
            Map.of(),
            Map.of());
    List<Verdict> v = r.evaluate(List.of("/", "/proc/", "/proc/1/"), facts);
    assertThat(v).extracting(Verdict::included).containsExactly(true, true, false);
    assertThat(v.get(2).reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(r.caveats()).hasSize(1);
  }
}
