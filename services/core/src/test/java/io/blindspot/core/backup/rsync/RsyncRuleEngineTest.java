package io.blindspot.core.backup.rsync;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pattern and option cases from rsync(1) ("PATTERN MATCHING RULES", "FILTER RULES"). */
class RsyncRuleEngineTest {

  static BackupRules rules(Map<String, String> files, String... argv) throws JobConfigException {
    List<String> a = new ArrayList<>(List.of("rsync"));
    a.addAll(List.of(argv));
    return BackupRuleEngines.compile(new BackupJob("t", "rsync", a, files, null, null));
  }

  static BackupRules rules(String... argv) throws JobConfigException {
    return rules(Map.of(), argv);
  }

  static boolean in(BackupRules r, String path) {
    return r.evaluate(List.of(path), TreeFacts.NONE).get(0).included();
  }

  static Verdict v(BackupRules r, String path, TreeFacts f) {
    return r.evaluate(List.of(path), f).get(0);
  }

  @Test
  void anchoredPatternMatchesOnlyAtTheTransferRoot() throws Exception {
    BackupRules r = rules("-a", "--exclude=/foo", "/src/", "/dst");
    assertThat(in(r, "/src/foo")).isFalse();
    assertThat(in(r, "/src/foo/")).isFalse();
    assertThat(in(r, "/src/sub/foo")).isTrue();
  }

  @Test
  void theTransferRootDependsOnTheTrailingSlash() throws Exception {
    // "/src" copies the directory itself: names are "src/...", so "/foo" no longer matches
    BackupRules r = rules("-a", "--exclude=/foo", "/src", "/dst");
    assertThat(in(r, "/src/foo")).isTrue();
    BackupRules r2 = rules("-a", "--exclude=/src/foo", "/src", "/dst");
    assertThat(in(r2, "/src/foo")).isFalse();
  }

  @Test
  void trailingSlashMatchesOnlyDirectories() throws Exception {
    BackupRules r = rules("-a", "--exclude=foo/", "/src/", "/dst");
    assertThat(in(r, "/src/a/foo/")).isFalse();
    assertThat(in(r, "/src/a/foo")).isTrue();
  }

  @Test
  void unanchoredNameMatchesAnywhere() throws Exception {
    BackupRules r = rules("-a", "--exclude=*.o", "/src/", "/dst");
    assertThat(in(r, "/src/x.o")).isFalse();
    assertThat(in(r, "/src/a/b/c.o")).isFalse();
    assertThat(in(r, "/src/a/b/c.oo")).isTrue();
  }

  @Test
  void singleStarDoesNotCrossSlashesDoubleStarDoes() throws Exception {
    BackupRules one = rules("-a", "--exclude=/foo/*/bar", "/src/", "/dst");
    assertThat(in(one, "/src/foo/x/bar")).isFalse();
    assertThat(in(one, "/src/foo/x/y/bar")).isTrue();
    BackupRules two = rules("-a", "--exclude=/foo/**/bar", "/src/", "/dst");
    assertThat(in(two, "/src/foo/x/y/bar")).isFalse();
    assertThat(in(two, "/src/foo/x/bar")).isFalse();
    assertThat(in(two, "/src/foo/bar")).isTrue(); // "/**/" needs at least one level
  }

  @Test
  void patternWithSlashMatchesTrailingElements() throws Exception {
    BackupRules r = rules("-a", "--exclude=foo/bar", "/src/", "/dst");
    assertThat(in(r, "/src/foo/bar")).isFalse();
    assertThat(in(r, "/src/x/foo/bar")).isFalse();
    assertThat(in(r, "/src/xfoo/bar")).isTrue();
  }

  @Test
  void tripleStarMatchesTheDirectoryAndEverythingInside() throws Exception {
    BackupRules r = rules("-a", "--include=/keep/***", "--exclude=*", "/src/", "/dst");
    assertThat(in(r, "/src/keep/")).isTrue();
    assertThat(in(r, "/src/keep/a/b/c")).isTrue();
    assertThat(in(r, "/src/other")).isFalse();
    BackupRules dstar = rules("-a", "--include=/keep/**", "--exclude=*", "/src/", "/dst");
    assertThat(in(dstar, "/src/keep/")).isFalse(); // "dir/**" does not match the dir itself
  }

  @Test
  void includeOnlyCSourcesAndDirectories() throws Exception {
    BackupRules r = rules("-a", "--include=*/", "--include=*.c", "--exclude=*", "/src/", "/dst");
    assertThat(in(r, "/src/a/b/x.c")).isTrue();
    assertThat(in(r, "/src/a/b/x.h")).isFalse();
    assertThat(in(r, "/src/a/b/")).isTrue();
  }

  @Test
  void firstMatchWins() throws Exception {
    BackupRules r = rules("-a", "--exclude=*.txt", "--include=keep.txt", "/src/", "/dst");
    assertThat(in(r, "/src/keep.txt")).isFalse();
    BackupRules r2 = rules("-a", "--include=keep.txt", "--exclude=*.txt", "/src/", "/dst");
    assertThat(in(r2, "/src/keep.txt")).isTrue();
  }

  @Test
  void excludedDirectoryIsNotDescendedIntoEvenIfContentsAreIncluded() throws Exception {
    BackupRules r = rules("-a", "--exclude=/var/", "--include=*", "/", "/dst");
    Verdict v = v(r, "/var/db/pkg/", TreeFacts.NONE);
    assertThat(v.included()).isFalse();
    assertThat(v.reason()).isEqualTo(Reason.PARENT_EXCLUDED);
    assertThat(v.ancestor()).isEqualTo("/var/");
    assertThat(v.rule()).isEqualTo(new RuleRef(RuleRef.COMMAND_LINE, 2, "--exclude=/var/"));
  }

  @Test
  void wildcardsCharacterClassesAndEscapes() throws Exception {
    BackupRules r =
        rules("-a", "--exclude=?ore", "--exclude=[[:digit:]]*", "--exclude=\\*lit", "/s/", "/d");
    assertThat(in(r, "/s/core")).isFalse();
    assertThat(in(r, "/s/score")).isTrue();
    assertThat(in(r, "/s/9lives")).isFalse();
    assertThat(in(r, "/s/*lit")).isFalse();
    assertThat(in(r, "/s/xlit")).isTrue();
    // without wildcards a backslash is literal
    BackupRules lit = rules("-a", "--exclude=a\\b", "/s/", "/d");
    assertThat(in(lit, "/s/a\\b")).isFalse();
    assertThat(in(lit, "/s/ab")).isTrue();
  }

  @Test
  void questionMarkMatchesOneByteNotOneCharacter() throws Exception {
    BackupRules r = rules("-a", "--exclude=caf?", "/s/", "/d");
    assertThat(in(r, "/s/café")).isTrue(); // é is two bytes in UTF-8
    BackupRules r2 = rules("-a", "--exclude=caf??", "/s/", "/d");
    assertThat(in(r2, "/s/café")).isFalse();
  }

  @Test
  void negatedRuleAndOldPrefixes() throws Exception {
    BackupRules r = rules("-a", "--filter=-! */", "/s/", "/d");
    assertThat(in(r, "/s/a/")).isTrue();
    assertThat(in(r, "/s/a/file")).isFalse();
    BackupRules p = rules("-a", "--exclude=+ keep", "--exclude=*", "/s/", "/d");
    assertThat(in(p, "/s/keep")).isTrue();
  }

  @Test
  void hideAppliesProtectDoesNot() throws Exception {
    BackupRules r = rules("-a", "--filter=H /a", "--filter=P /b", "--filter=-r /c", "/s/", "/d");
    assertThat(in(r, "/s/a")).isFalse();
    assertThat(in(r, "/s/b")).isTrue();
    assertThat(in(r, "/s/c")).isTrue();
  }

  @Test
  void perDirectoryMergeFilesApplyBelowTheirDirectoryAndTakePrecedence() throws Exception {
    BackupRules r = rules("-a", "-F", "--exclude=*.log", "/s/", "/d");
    TreeFacts f =
        new TreeFacts(
            List.of(),
            Map.of("/s/sub/.rsync-filter", "+ keep.log\n- /local\n", "/s/.rsync-filter", "- x"),
            Map.of());
    assertThat(v(r, "/s/sub/keep.log", f).included()).isTrue();
    assertThat(v(r, "/s/keep.log", f).included()).isFalse();
    Verdict local = v(r, "/s/sub/local", f);
    assertThat(local.included()).isFalse();
    assertThat(local.rule()).isEqualTo(new RuleRef("/s/sub/.rsync-filter", 2, "- /local"));
    assertThat(v(r, "/s/sub/deeper/local", f).included()).isTrue(); // anchored at sub/
    assertThat(v(r, "/s/sub/deeper/x", f).included()).isFalse(); // inherited from /s
  }

  @Test
  void cvsExcludeUsesTheDefaultListAndPerDirectoryCvsignore() throws Exception {
    BackupRules r = rules("-a", "-C", "/s/", "/d");
    TreeFacts f = new TreeFacts(List.of(), Map.of("/s/p/.cvsignore", "build *.tmp"), Map.of());
    assertThat(v(r, "/s/x.o", f).included()).isFalse();
    assertThat(v(r, "/s/.git/", f).included()).isFalse();
    assertThat(v(r, "/s/.git", f).included()).isTrue(); // ".git/" is dir-only
    assertThat(v(r, "/s/p/build/", f).included()).isFalse();
    assertThat(v(r, "/s/p/q/build/", f).included()).isTrue(); // .cvsignore is not inherited
    assertThat(r.caveats()).isNotEmpty();
  }

  @Test
  void oneFileSystemKeepsTheMountPointDirectoryDoubleXSkipsIt() throws Exception {
    TreeFacts f =
        new TreeFacts(
            List.of(new Filesystem("/", "/dev/sda1"), new Filesystem("/home", "/dev/sda2")),
            Map.of(),
            Map.of());
    BackupRules x = rules("-ax", "/", "/d");
    assertThat(v(x, "/home/", f).included()).isTrue();
    Verdict inside = v(x, "/home/alice/", f);
    assertThat(inside.reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(inside.ancestor()).isEqualTo("/home/");
    BackupRules xx = rules("-axx", "/", "/d");
    assertThat(v(xx, "/home/", f).reason()).isEqualTo(Reason.OTHER_FILESYSTEM);
    assertThat(v(xx, "/etc/", f).included()).isTrue();
    BackupRules none = rules("-a", "/", "/d");
    assertThat(v(none, "/home/alice/", f).included()).isTrue();
  }

  @Test
  void relativeKeepsFullPathsAndImpliedDirectories() throws Exception {
    BackupRules r = rules("-aR", "--exclude=/var/lib/mysql/", "/var/lib", "/etc/./ssh", "/d");
    assertThat(in(r, "/var/lib/mysql/")).isFalse();
    assertThat(in(r, "/var/lib/dpkg/")).isTrue();
    assertThat(in(r, "/var/")).isTrue(); // implied directory
    assertThat(in(r, "/etc/ssh/sshd_config")).isTrue();
    assertThat(in(r, "/etc/")).isFalse(); // "/./": etc is above the transfer root
    assertThat(v(r, "/usr/bin/", TreeFacts.NONE).reason()).isEqualTo(Reason.OUTSIDE_SOURCES);
  }

  @Test
  void filesFromTransfersOnlyTheListedPaths() throws Exception {
    BackupRules r =
        rules(Map.of("/l", "etc/passwd\nvar/log\n"), "-a", "--files-from=/l", "/", "/d");
    assertThat(in(r, "/etc/passwd")).isTrue();
    assertThat(in(r, "/etc/")).isTrue(); // implied
    assertThat(in(r, "/etc/shadow")).isFalse();
    assertThat(in(r, "/var/log/")).isTrue();
    assertThat(in(r, "/var/log/messages")).isFalse(); // -a does not imply -r with --files-from
    BackupRules rr =
        rules(Map.of("/l", "etc/passwd\nvar/log\n"), "-ar", "--files-from=/l", "/", "/d");
    assertThat(in(rr, "/var/log/messages")).isTrue();
  }

  @Test
  void remoteSourcesKeepTheirPath() throws Exception {
    BackupRules r = rules("-a", "-e", "ssh", "--exclude=/tmp/", "root@web1:/srv/", "/backup/web1");
    assertThat(r.sources()).containsExactly("/srv");
    assertThat(in(r, "/srv/tmp/")).isFalse();
    assertThat(in(r, "/srv/www/")).isTrue();
  }

  @Test
  void symlinksAreNotFollowedAndNeedLinks() throws Exception {
    TreeFacts f = new TreeFacts(List.of(), Map.of(), Map.of("/s/l", "target"));
    assertThat(v(rules("-a", "--exclude=l/", "/s/", "/d"), "/s/l", f).included()).isTrue();
    assertThat(v(rules("-r", "/s/", "/d"), "/s/l", f).included()).isFalse();
  }

  @Test
  void explainListsRulesInOrder() throws Exception {
    BackupRules r = rules("-a", "--include=*.c", "--exclude=/var/", "--exclude=*.o", "/", "/d");
    RuleTrace t = r.explain("/var/db/pkg/", TreeFacts.NONE);
    assertThat(t.verdict().reason()).isEqualTo(Reason.PARENT_EXCLUDED);
    assertThat(t.steps()).hasSize(2);
    assertThat(t.steps().get(0).path()).isEqualTo("/var/");
    assertThat(t.steps().get(0).matched()).isFalse();
    assertThat(t.steps().get(1).rule().text()).isEqualTo("--exclude=/var/");
    assertThat(t.steps().get(1).decided()).isTrue();
  }

  @Test
  void badJobsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> rules("-a", "--frobnicate", "/s/", "/d"))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> rules("-aQ", "/s/", "/d")).hasMessageContaining("-Q");
    assertThatThrownBy(() -> rules("-a", "--exclude-from=-", "/s/", "/d"))
        .hasMessageContaining("standard input");
    assertThatThrownBy(() -> rules("-a", "--exclude-from=/nope", "/s/", "/d"))
        .hasMessageContaining("/nope");
    assertThatThrownBy(() -> rules("-a", "/s/")).hasMessageContaining("destination");
    assertThatThrownBy(() -> rules("-a", "--filter=-z foo", "/s/", "/d"))
        .isInstanceOf(JobConfigException.class);
  }

  @Test
  void sizeAndTimeFiltersAreCaveats() throws Exception {
    BackupRules r = rules("-a", "--max-size=10M", "--min-size=1", "/s/", "/d");
    assertThat(r.caveats()).hasSize(2);
    assertThat(r.caveats().get(0).option()).isEqualTo("--max-size=10M");
  }

  @Test
  void everyOptionOfTheTableIsAccepted() throws Exception {
    for (var e : RsyncOptionTable.LONG.entrySet()) {
      String name = e.getKey();
      if (name.equals("files-from")
          || name.endsWith("-from")
          || name.equals("filter")
          || name.equals("exclude")
          || name.equals("include")
          || name.equals("read-batch")) {
        continue;
      }
      String opt = "--" + name + (e.getValue().takesArg() ? "=1" : "");
      rules("-a", opt, "/s/", "/d");
    }
    rules("-aHAXxvzS", "--no-D", "--no-implied-dirs", "-e", "ssh -i key", "-B1024", "/s/", "/d");
  }
}
