package io.blindspot.core.backup.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.glob.DiffSupport;
import io.blindspot.core.backup.glob.PathNames;
import io.blindspot.core.backup.listing.ListingReader;
import io.blindspot.core.backup.oracle.RootTreeGenerator;
import io.blindspot.core.backup.oracle.RootTreeGenerator.Tree;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GNU tar itself decides: every rule set is run with tar -c, listed with tar -t and compared. */
class TarDifferentialTest {

  @TempDir Path tmp;

  /** A rule set: args between "tar -cf ARCHIVE" and the end, {R} standing for the tree root. */
  record RuleSet(String name, List<String> args, Map<String, String> files, boolean relative) {}

  @Test
  void handWrittenAndRandomRuleSetsMatchRealTar() throws Exception {
    DiffSupport.requireTool("tar");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (long seed : new long[] {1, 2}) {
      Path root = tmp.resolve("tree" + seed);
      Tree tree = RootTreeGenerator.generate(root, seed);
      List<RuleSet> sets = new ArrayList<>(handWritten());
      sets.addAll(random(tree, seed, 30));
      for (RuleSet rs : sets) {
        count++;
        String f = check(tree, rs);
        if (!f.isEmpty()) {
          failures.add(f);
        }
      }
    }
    assertThat(count).isGreaterThanOrEqualTo(40);
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " of "
              + count
              + " rule sets differ from GNU tar:\n"
              + String.join("\n", failures));
    }
  }

  private String check(Tree tree, RuleSet rs) throws Exception {
    String r = tree.root().toString();
    Path archive = tmp.resolve("out.tar");
    Files.deleteIfExists(archive);
    List<String> args = new ArrayList<>();
    for (String a : rs.args()) {
      args.add(a.replace("{R}", r));
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : rs.files().entrySet()) {
      Path p = tmp.resolve(e.getKey());
      String content = e.getValue().replace("{R}", r);
      Files.writeString(p, content, StandardCharsets.UTF_8);
      files.put(p.toString(), content);
      for (int i = 0; i < args.size(); i++) {
        args.set(i, args.get(i).replace("{" + e.getKey() + "}", p.toString()));
      }
    }
    List<String> cmd = new ArrayList<>(List.of("tar", "-cf", archive.toString()));
    cmd.addAll(args);
    DiffSupport.Result created = DiffSupport.run(cmd, Map.of(), tmp);
    if (created.exit() != 0 && created.exit() != 2) {
      return rs.name() + ": tar failed (" + created.exit() + "): " + created.stderr();
    }
    // what tar stored: tar -tv read with Blindspot's own listing reader (names relative to "/")
    DiffSupport.Result listed =
        DiffSupport.run(List.of("tar", "-tvf", archive.toString()), Map.of(), tmp);
    Set<String> real = new TreeSet<>();
    ListingReader.forMediaType(ListingReader.TAR_LISTING)
        .read(
            new ByteArrayInputStream(listed.stdout()),
            p ->
                real.add(PathNames.bare(rs.relative() ? PathNames.resolve(r, p.substring(1)) : p)));
    BackupRules rules =
        BackupRuleEngines.compile(new BackupJob("t", "tar", cmd, files, null, null));
    Set<String> engine = DiffSupport.included(rules, tree.realPaths(), tree.realFacts());
    String d = DiffSupport.diff(real, engine);
    if (d.isEmpty()) {
      return "";
    }
    return "--- "
        + rs.name()
        + ": "
        + String.join(" ", cmd)
        + "\n"
        + d
        + "\n"
        + DiffSupport.explainDiff(rules, real, engine, tree.realPaths(), tree.realFacts());
  }

  static List<RuleSet> handWritten() {
    List<RuleSet> s = new ArrayList<>();
    s.add(abs("plain", "{R}"));
    s.add(abs("exclude basename", "--exclude=.ssh", "{R}/home"));
    s.add(abs("exclude glob slash", "--exclude=home/*/Documents", "{R}"));
    s.add(abs("exclude star matches slash", "--exclude=home*.txt", "{R}"));
    s.add(
        abs(
            "no-wildcards-match-slash",
            "--no-wildcards-match-slash",
            "--exclude=home*.txt",
            "{R}"));
    s.add(abs("anchored absolute", "--anchored", "--exclude={R}/var/log", "{R}"));
    s.add(abs("anchored relative misses", "--anchored", "--exclude=var/log", "{R}"));
    s.add(abs("no-wildcards literal star", "--no-wildcards", "--exclude=*star*", "{R}/home"));
    s.add(abs("wildcard brackets", "--exclude=[bracket]", "{R}/home"));
    s.add(abs("escaped brackets", "--exclude=\\[bracket\\]", "{R}/home"));
    s.add(
        abs(
            "ignore-case positional",
            "--exclude=DOCUMENTS",
            "--ignore-case",
            "--exclude=MYSQL",
            "{R}"));
    s.add(abs("exclude-caches", "--exclude-caches", "{R}"));
    s.add(abs("exclude-caches-under", "--exclude-caches-under", "{R}"));
    s.add(abs("exclude-caches-all", "--exclude-caches-all", "{R}"));
    s.add(abs("exclude-tag", "--exclude-tag=.nobackup", "{R}/home"));
    s.add(abs("exclude-tag-under", "--exclude-tag-under=.nobackup", "{R}/home"));
    s.add(abs("exclude-tag-all", "--exclude-tag-all=SLOT", "{R}/var"));
    s.add(abs("exclude-vcs", "--exclude-vcs", "{R}/home"));
    s.add(abs("exclude-backups", "--exclude-backups", "{R}/home"));
    s.add(abs("no-recursion", "--no-recursion", "{R}/etc", "--recursion", "{R}/var/log"));
    s.add(abs("positional exclude", "{R}/etc", "--exclude=*.conf", "{R}/home"));
    s.add(
        abs(
            "member below excluded name",
            "--exclude=alice",
            "{R}/home/alice/Documents",
            "{R}/etc"));
    s.add(abs("file member", "--exclude=*.txt", "{R}/etc/passwd", "{R}/var/log/messages"));
    s.add(rel("relative members", "-C", "{R}", "--exclude=./var", "./var", "etc/", "home"));
    s.add(rel("relative anchored", "-C", "{R}", "--anchored", "--exclude=home/*/.cache", "home"));
    s.add(
        new RuleSet(
            "exclude-from",
            List.of("-X", "{ex}", "{R}"),
            Map.of("ex", "*.log\n.git  \n\nprojects/app\n"),
            false));
    s.add(
        new RuleSet(
            "files-from",
            List.of("-T", "{list}"),
            Map.of("list", "{R}/etc\n{R}/var/lib\n"),
            false));
    s.add(abs("bundled short options", "--exclude=mysql", "-v", "{R}/var"));
    s.add(abs("unicode", "--exclude=*é*", "--exclude=日本語", "{R}/home"));
    s.add(abs("question mark one char", "--exclude=caf?", "--exclude=na?ve.txt", "{R}/home"));
    s.add(abs("char class", "--exclude=[[:upper:]]*", "{R}/home"));
    s.add(abs("negated bracket", "--exclude=[!.a-z]*", "{R}/home"));
    s.add(abs("double star", "--exclude=**/src", "{R}/home"));
    s.add(abs("trailing slash pattern never matches", "--exclude=Documents/", "{R}/home"));
    s.add(
        abs(
            "tag file kept although excluded by name",
            "--exclude-caches",
            "--exclude=CACHEDIR.TAG",
            "{R}"));
    s.add(abs("symlink member not followed", "{R}/home/alice/link-to-docs", "{R}/srv/www/current"));
    s.add(
        abs(
            "exclude-vcs member below .git",
            "--exclude-vcs",
            "{R}/home/alice/projects/app/.git/objects",
            "{R}/etc"));
    s.add(
        new RuleSet(
            "files-from with -C lines and null",
            List.of("-C", "/", "-T", "{list}", "--null", "-T", "{nul}"),
            Map.of("list", "-C {R}\netc\n./var/log\n", "nul", "srv\0root\0"),
            true));
    return s;
  }

  private static RuleSet abs(String name, String... args) {
    return new RuleSet(name, List.of(args), Map.of(), false);
  }

  private static RuleSet rel(String name, String... args) {
    return new RuleSet(name, List.of(args), Map.of(), true);
  }

  static List<RuleSet> random(Tree tree, long seed, int n) {
    Random rnd = new Random(seed * 7919);
    List<String> rel = new ArrayList<>();
    for (String p : tree.paths()) {
      if (!p.equals("/")) {
        rel.add(PathNames.bare(p).substring(1));
      }
    }
    String[] fixed = {
      "*.txt",
      "*.o",
      "*~",
      ".*",
      "*/Documents/*",
      "D*s",
      "?ore",
      "[a-c]*",
      "*cache*",
      "src",
      "main/*",
      "projects/*/src",
      "home/*/.ssh",
      "Documents/[!a-m]*",
      ".git",
      "CACHEDIR.TAG",
      "*.TXT",
      "lvl*",
      "*/*/*",
      "etc",
      "var/db/pkg/*/*/SLOT",
      "*.conf",
      "mysql",
      "*a*b*"
    };
    String[] flags = {
      "--anchored",
      "--no-anchored",
      "--ignore-case",
      "--no-ignore-case",
      "--wildcards",
      "--no-wildcards",
      "--wildcards-match-slash",
      "--no-wildcards-match-slash",
      "--exclude-caches",
      "--exclude-caches-under",
      "--exclude-caches-all",
      "--exclude-tag=.nobackup",
      "--exclude-tag-under=CONTENTS",
      "--exclude-tag-all=.keep",
      "--exclude-vcs",
      "--exclude-backups",
      "--no-recursion",
      "--recursion"
    };
    String[] members = {
      "", "/home", "/var", "/etc", "/home/alice", "/var/lib/mysql", "/etc/passwd", "/var/cache"
    };
    List<RuleSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> args = new ArrayList<>();
      int k = 1 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        int what = rnd.nextInt(10);
        if (what < 3) {
          args.add(flags[rnd.nextInt(flags.length)]);
        }
        String pat;
        int src = rnd.nextInt(4);
        if (src == 0) {
          pat = fixed[rnd.nextInt(fixed.length)];
        } else {
          String p = rel.get(rnd.nextInt(rel.size()));
          String[] parts = p.split("/");
          int from = rnd.nextInt(parts.length);
          int to = from + 1 + rnd.nextInt(Math.min(2, parts.length - from));
          pat = String.join("/", List.of(parts).subList(from, to));
          if (src == 3 && pat.length() > 2) {
            int c = rnd.nextInt(pat.length());
            pat = pat.substring(0, c) + (rnd.nextBoolean() ? "*" : "?") + pat.substring(c + 1);
          }
          if (rnd.nextInt(6) == 0) {
            pat = "{R}/" + p;
          }
        }
        args.add("--exclude=" + pat);
      }
      int m = 1 + rnd.nextInt(2);
      for (int j = 0; j < m; j++) {
        args.add("{R}" + members[rnd.nextInt(members.length)]);
        if (rnd.nextInt(4) == 0) {
          args.add("--exclude=" + fixed[rnd.nextInt(fixed.length)]);
        }
      }
      if (args.get(args.size() - 1).startsWith("--")) {
        args.add("{R}");
      }
      out.add(new RuleSet("random " + seed + "/" + i, args, Map.of(), false));
    }
    return out;
  }
}
