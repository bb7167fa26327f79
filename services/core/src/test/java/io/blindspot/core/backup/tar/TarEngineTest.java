package io.blindspot.core.backup.tar;

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

class TarEngineTest {

  static BackupRules compile(String... argv) throws JobConfigException {
    return BackupRuleEngines.compile(
        new BackupJob("j", "tar", List.of(argv), Map.of(), null, null));
  }

  @Test
  void traditionalAndBundledOptions() throws Exception {
    for (BackupRules r :
        List.of(
            compile("tar", "czf", "/b/x.tgz", "--exclude=*.log", "/var"),
            compile("tar", "-czf", "/b/x.tgz", "--exclude", "*.log", "/var"),
            compile("tar", "--create", "--gzip", "--file=/b/x.tgz", "--exclude=*.log", "/var"),
            compile("tar", "-c", "-f/b/x.tgz", "--exclude=*.log", "/var"))) {
      assertThat(r.sources()).containsExactly("/var");
      List<Verdict> v =
          r.evaluate(List.of("/var/", "/var/log/", "/var/log/x.log", "/", "/etc/"), TreeFacts.NONE);
      assertThat(v.get(0).included()).isTrue();
      assertThat(v.get(2).reason()).isEqualTo(Reason.EXCLUDED_BY_RULE);
      assertThat(v.get(3).reason()).isEqualTo(Reason.OUTSIDE_SOURCES); // tar stores no parents
      assertThat(v.get(4).reason()).isEqualTo(Reason.OUTSIDE_SOURCES);
    }
  }

  @Test
  void unknownOptionIsNamed() {
    assertThatThrownBy(() -> compile("tar", "-cf", "x.tar", "--frobnicate", "/etc"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> compile("tar", "-cQf", "x.tar", "/etc"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("-Q");
    assertThatThrownBy(() -> compile("tar", "-xf", "x.tar"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("create");
    assertThatThrownBy(() -> compile("tar", "-cf", "x.tar", "etc"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("relative member");
    assertThatThrownBy(() -> compile("tar", "-cf", "x.tar", "-X", "/etc/missing", "/etc"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("/etc/missing");
  }

  @Test
  void caveatsForTimeAndIncrementalOptions() throws Exception {
    BackupRules r =
        compile(
            "tar",
            "-c",
            "-g",
            "/var/snar",
            "--newer=2024-01-01",
            "-f",
            "x",
            "/etc",
            "--exclude=late");
    assertThat(r.caveats())
        .extracting(c -> c.option())
        .contains("-g /var/snar", "--newer=2024-01-01", "--exclude=late");
  }

  @Test
  void parentExcludedNamesAncestorAndRule() throws Exception {
    BackupRules r = compile("tar", "-cf", "x", "--exclude=cache", "/var");
    Verdict v = r.evaluate(List.of("/var/cache/apt/x.deb"), TreeFacts.NONE).get(0);
    assertThat(v.reason()).isEqualTo(Reason.PARENT_EXCLUDED);
    assertThat(v.ancestor()).isEqualTo("/var/cache");
    assertThat(v.rule()).isEqualTo(new RuleRef(RuleRef.COMMAND_LINE, 3, "--exclude=cache"));
    RuleTrace t = r.explain("/var/cache/apt/x.deb", TreeFacts.NONE);
    assertThat(t.verdict()).isEqualTo(v);
    assertThat(t.steps()).anyMatch(s -> s.decided() && s.path().equals("/var/cache/"));
  }

  @Test
  void oneFileSystemStoresTheMountPointOnly() throws Exception {
    BackupRules r = compile("tar", "--one-file-system", "-cf", "x", "/");
    TreeFacts facts =
        new TreeFacts(
            List.of(new Filesystem("/", "sda1"), new Filesystem("/proc", "proc")),
            Map.of(),
            Map.of());
    List<Verdict> v = r.evaluate(List.of("/proc/", "/proc/1/", "/etc/"), facts);
    assertThat(v.get(0).included()).isTrue();
    assertThat(v.get(1).reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(v.get(1).ancestor()).isEqualTo("/proc");
    assertThat(v.get(2).included()).isTrue();
  }

  @Test
  void symlinksAreNotFollowed() throws Exception {
    BackupRules r = compile("tar", "-cf", "x", "/srv");
    TreeFacts facts = new TreeFacts(List.of(), Map.of(), Map.of("/srv/current", "releases/7"));
    List<Verdict> v = r.evaluate(List.of("/srv/current", "/srv/current/index.html"), facts);
    assertThat(v.get(0).included()).isTrue();
    assertThat(v.get(1).reason()).isEqualTo(Reason.OUTSIDE_SOURCES);
    assertThat(v.get(1).ancestor()).isEqualTo("/srv/current");
  }

  @Test
  void cachedirTagNeedsTheSignature() throws Exception {
    BackupRules r = compile("tar", "-cf", "x", "--exclude-caches", "/var");
    TreeFacts facts =
        new TreeFacts(
            List.of(),
            Map.of(
                "/var/a/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55 rest",
                "/var/b/CACHEDIR.TAG", "Signature: wrong"),
            Map.of());
    List<Verdict> v =
        r.evaluate(List.of("/var/a/", "/var/a/CACHEDIR.TAG", "/var/a/x", "/var/b/x"), facts);
    assertThat(v).extracting(Verdict::included).containsExactly(true, true, false, true);
    assertThat(v.get(2).reason()).isEqualTo(Reason.EXCLUDED_BY_MARKER);
    assertThat(v.get(2).ancestor()).isEqualTo("/var/a");
  }
}
