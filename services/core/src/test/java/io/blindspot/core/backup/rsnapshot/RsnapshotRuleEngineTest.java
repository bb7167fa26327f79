package io.blindspot.core.backup.rsnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RsnapshotRuleEngineTest {

  static final String HEAD =
      "config_version\t1.2\n"
          + "snapshot_root\t/.snapshots/\n"
          + "cmd_rsync\t/usr/bin/rsync\n"
          + "retain\tdaily\t7\n";

  static BackupRules compile(String body, Map<String, String> extra) throws Exception {
    Map<String, String> files = new java.util.HashMap<>(extra);
    files.put("/etc/rsnapshot.conf", HEAD + body);
    return BackupRuleEngines.compile(
        new BackupJob(
            "n",
            "rsnapshot",
            List.of("rsnapshot", "-c", "/etc/rsnapshot.conf", "daily"),
            files,
            null,
            null));
  }

  static Verdict v(BackupRules r, String path) {
    return r.evaluate(List.of(path), TreeFacts.NONE).get(0);
  }

  @Test
  void excludeLinesPointAtTheirConfigLine() throws Exception {
    BackupRules r = compile("exclude\t/var/db/\nbackup\t/\tlocalhost/\n", Map.of());
    Verdict db = v(r, "/var/db/pkg/");
    assertThat(db.reason()).isEqualTo(Reason.PARENT_EXCLUDED);
    assertThat(db.rule()).isEqualTo(new RuleRef("/etc/rsnapshot.conf", 5, "exclude\t/var/db/"));
    assertThat(v(r, "/var/lib/").included()).isTrue();
    assertThat(r.sources()).containsExactly("/");
  }

  @Test
  void relativeByDefaultSoAnchorsAreFullPaths() throws Exception {
    BackupRules r = compile("exclude\t/cache/\nbackup\t/home/\tlocalhost/\n", Map.of());
    assertThat(v(r, "/home/cache/").included()).isTrue();
    BackupRules full = compile("exclude\t/home/cache/\nbackup\t/home/\tlocalhost/\n", Map.of());
    assertThat(v(full, "/home/cache/").included()).isFalse();
  }

  @Test
  void perPointExcludesReplaceTheGlobalOnes() throws Exception {
    BackupRules r = compile("exclude\t/etc/\nbackup\t/\tlocalhost/\texclude=/tmp/\n", Map.of());
    assertThat(v(r, "/etc/").included()).isTrue();
    assertThat(v(r, "/tmp/").included()).isFalse();
  }

  @Test
  void oneFsAndRemoteSources() throws Exception {
    BackupRules r = compile("one_fs\t1\nbackup\troot@web:/srv/\tweb/\n", Map.of());
    TreeFacts f =
        new TreeFacts(
            List.of(new Filesystem("/", "a"), new Filesystem("/srv/data", "b")),
            Map.of(),
            Map.of());
    assertThat(r.evaluate(List.of("/srv/data/x"), f).get(0).reason())
        .isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(r.sources()).containsExactly("/srv");
  }

  @Test
  void includeConfAndExcludeFile() throws Exception {
    BackupRules r =
        compile(
            "include_conf\t/etc/rsnapshot.d/extra.conf\nbackup\t/\tlocalhost/\n",
            Map.of(
                "/etc/rsnapshot.d/extra.conf", "exclude_file\t/etc/rsnapshot.exclude\n",
                "/etc/rsnapshot.exclude", "# junk\n/proc/\n"));
    Verdict p = v(r, "/proc/");
    assertThat(p.rule()).isEqualTo(new RuleRef("/etc/rsnapshot.exclude", 2, "/proc/"));
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> compile("backup /  localhost/\n", Map.of()))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("tabs");
    assertThatThrownBy(() -> compile("include_conf\t`/usr/local/bin/gen`\n", Map.of()))
        .hasMessageContaining("`/usr/local/bin/gen`");
    assertThatThrownBy(() -> compile("frobnicate\tyes\n", Map.of()))
        .hasMessageContaining("frobnicate");
  }

  @Test
  void backtickIncludeConfWithItsOutput() throws Exception {
    BackupRules r =
        compile(
            "include_conf\t`/usr/local/bin/gen`\n",
            Map.of("`/usr/local/bin/gen`", "backup\t/etc/\tlocalhost/\n"));
    assertThat(r.sources()).containsExactly("/etc");
  }
}
