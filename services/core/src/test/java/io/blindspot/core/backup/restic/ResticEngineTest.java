package io.blindspot.core.backup.restic;

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

class ResticEngineTest {

  static BackupRules compile(Map<String, String> files, String... argv) throws JobConfigException {
    return BackupRuleEngines.compile(
        new BackupJob("j", "restic", List.of(argv), files, null, null));
  }

  @Test
  void globalFlagsAndAncestors() throws Exception {
    BackupRules r =
        compile(
            Map.of(),
            "restic",
            "-r",
            "/srv/repo",
            "--password-file",
            "/root/pw",
            "backup",
            "-v",
            "--tag",
            "x",
            "/home/alice");
    List<Verdict> v =
        r.evaluate(List.of("/", "/home/", "/home/alice/", "/home/bob/"), TreeFacts.NONE);
    assertThat(v).extracting(Verdict::included).containsExactly(false, true, true, false);
    assertThat(v.get(3).reason()).isEqualTo(Reason.OUTSIDE_SOURCES);
  }

  @Test
  void unknownOptionAndBadPattern() {
    assertThatThrownBy(() -> compile(Map.of(), "restic", "backup", "--exclude-larger", "1M", "/x"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("--exclude-larger");
    assertThatThrownBy(() -> compile(Map.of(), "restic", "backup", "--exclude", "[", "/x"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("invalid pattern");
    assertThatThrownBy(() -> compile(Map.of(), "restic", "snapshots"))
        .isInstanceOf(JobConfigException.class);
  }

  @Test
  void lastMatchingPatternDecidesAndNegationReincludes() throws Exception {
    BackupRules r =
        compile(
            Map.of(), "restic", "backup", "--exclude", "*.log", "--exclude", "!keep.log", "/var");
    List<Verdict> v = r.evaluate(List.of("/var/a.log", "/var/keep.log"), TreeFacts.NONE);
    assertThat(v).extracting(Verdict::included).containsExactly(false, true);
    assertThat(r.explain("/var/keep.log", TreeFacts.NONE).steps())
        .filteredOn(s -> s.path().equals("/var/keep.log"))
        .extracting(s -> s.matched() + "/" + s.decided())
        .containsExactly("true/false", "true/true"); // the last match decides
  }

  @Test
  void sizeCaveat() throws Exception {
    BackupRules r = compile(Map.of(), "restic", "backup", "--exclude-larger-than", "1G", "/x");
    assertThat(r.caveats()).hasSize(1);
  }

  @Test
  void mountPointKeptEmpty() throws Exception {
    BackupRules r = compile(Map.of(), "restic", "backup", "-x", "/");
    TreeFacts facts =
        new TreeFacts(
            List.of(new Filesystem("/", "sda1"), new Filesystem("/mnt/usb", "sdb1")),
            Map.of(),
            Map.of());
    List<Verdict> v = r.evaluate(List.of("/mnt/", "/mnt/usb/", "/mnt/usb/photo.jpg"), facts);
    assertThat(v).extracting(Verdict::included).containsExactly(true, true, false);
    assertThat(v.get(2).reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
  }

  @Test
  void excludeFileExpandsEnvironmentWithCaveat() throws Exception {
    BackupRules r =
        compile(
            Map.of("/etc/ex", "$HOME/.cache\n"),
            "restic",
            "backup",
            "--exclude-file",
            "/etc/ex",
            "/home");
    assertThat(r.caveats()).isNotEmpty();
  }
}
