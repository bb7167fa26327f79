package io.blindspot.core.backup.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.JobConfigException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** borg itself decides: borg create per rule set, borg list --json-lines, compared. */
class BorgDifferentialTest {
  @TempDir Path tmp;

  record RuleSet(String name, List<String> args, Map<String, String> files) {}

  @Test
  void ruleSetsMatchRealBorg() throws Exception {
    DiffSupport.requireTool("borg");
    Tree tree = RootTreeGenerator.generate(tmp.resolve("tree"), 21);
    List<RuleSet> sets = new ArrayList<>(handWritten());
    sets.addAll(random(tree, 21, 12));
    assertThat(sets.size()).isGreaterThanOrEqualTo(40);
    int threads = 4; // borg waits on I/O more than it computes
    Path scratch = DiffSupport.scratch(tmp, "blindspot-borg");
    try {
      runAll(tree, sets, threads, scratch);
    } finally {
      DiffSupport.deleteTree(scratch);
    }
  }

  private void runAll(Tree tree, List<RuleSet> sets, int threads, Path scratch) throws Exception {
    List<Map<String, String>> envs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Map<String, String> env = new HashMap<>();
      env.put("BORG_REPO", scratch.resolve("repo" + t).toString());
      env.put("BORG_BASE_DIR", scratch.resolve("base" + t).toString());
      env.put("BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "yes");
      env.put("BORG_RELOCATED_REPO_ACCESS_IS_OK", "yes");
      DiffSupport.Result init = DiffSupport.run(List.of("borg", "init", "-e", "none"), env, tmp);
      assertThat(init.exit()).as(init.stderr()).isZero();
      envs.add(env);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> failures = new ArrayList<>();
                  for (int i = thread; i < sets.size(); i += threads) {
                    String f = check(tree, sets.get(i), envs.get(thread), i);
                    if (!f.isEmpty()) {
                      failures.add(f);
                    }
                  }
                  return failures;
                }));
      }
      List<String> failures = new ArrayList<>();
      for (Future<List<String>> f : results) {
        failures.addAll(f.get());
      }
      if (!failures.isEmpty()) {
        fail(
            failures.size()
                + " of "
                + sets.size()
                + " rule sets differ from borg:\n"
                + String.join("\n", failures));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private String check(Tree tree, RuleSet rs, Map<String, String> env, int n) throws Exception {
    String r = tree.root().toString();
    List<String> args = new ArrayList<>();
    for (String a : rs.args()) {
      args.add(a.replace("{R}", r));
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : rs.files().entrySet()) {
      Path p = tmp.resolve(n + "-" + e.getKey());
      String content = e.getValue().replace("{R}", r);
      Files.writeString(p, content, StandardCharsets.UTF_8);
      files.put(p.toString(), content);
      for (int i = 0; i < args.size(); i++) {
        args.set(i, args.get(i).replace("{" + e.getKey() + "}", p.toString()));
      }
    }
    List<String> cmd = new ArrayList<>(List.of("borg", "create"));
    cmd.addAll(args.subList(0, args.size()));
    // the archive goes before the paths: insert "::aN" where the test put "{A}"
    cmd.replaceAll(a -> a.equals("{A}") ? "::a" + n : a);
    DiffSupport.Result b = DiffSupport.run(cmd, env, tmp);
    BackupJob job = new BackupJob("t", "borg", cmd, files, null, null);
    if (b.exit() >= 2) {
      try {
        BackupRuleEngines.compile(job);
        return "--- "
            + rs.name()
            + ": borg refused ("
            + b.stderr().strip()
            + ") but the engine compiled it: "
            + String.join(" ", cmd);
      } catch (JobConfigException expected) {
        return "";
      }
    }
    DiffSupport.Result ls =
        DiffSupport.run(List.of("borg", "list", "--json-lines", "::a" + n), env, tmp);
    if (ls.exit() != 0) {
      return "--- " + rs.name() + ": borg list failed: " + ls.stderr();
    }
    // what borg stored, read with Blindspot's own listing reader
    Set<String> real = new TreeSet<>();
    ListingReader.forMediaType(ListingReader.BORG_LIST_JSON)
        .read(new ByteArrayInputStream(ls.stdout()), p -> real.add(PathNames.bare(p)));
    if (rs.name().equals("plain") && real.size() < tree.realPaths().size()) {
      return "--- plain: borg list listed only " + real.size() + " paths";
    }
    BackupRules rules = BackupRuleEngines.compile(job);
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
    s.add(rs("plain", "{A}", "{R}"));
    s.add(rs("fm default: star crosses slash", "--exclude", "*.txt", "{A}", "{R}/home"));
    s.add(rs("fm anchored at root", "--exclude", "Documents", "-e", "{R}/etc/ssh", "{A}", "{R}"));
    s.add(rs("fm trailing slash keeps dir", "--exclude", "{R}/var/log/", "{A}", "{R}/var"));
    s.add(
        rs("fm without leading slash", "--exclude", "{R}/var/lib".substring(1), "{A}", "{R}/var"));
    s.add(
        rs(
            "sh style",
            "--exclude",
            "sh:{R}/home/*/.cache",
            "--exclude",
            "sh:**/*.o",
            "{A}",
            "{R}/home"));
    s.add(
        rs(
            "sh star stays in component",
            "--exclude",
            "sh:{R}/h*",
            "-e",
            "sh:{R}/*.conf",
            "{A}",
            "{R}"));
    s.add(rs("re style", "--exclude", "re:\\.(log|gz)$", "--exclude", "re:/\\.ssh/", "{A}", "{R}"));
    s.add(rs("pp style", "--exclude", "pp:{R}/var/db", "{A}", "{R}/var"));
    s.add(
        rs(
            "pf style exact",
            "--exclude",
            "pf:{R}/etc/passwd",
            "-e",
            "pf:{R}/etc",
            "{A}",
            "{R}/etc"));
    s.add(rs("source excluded", "--exclude", "{R}/srv", "{A}", "{R}/srv", "{R}/root"));
    s.add(
        rs(
            "pattern include beats later exclude",
            "--pattern=+{R}/home/alice/.ssh",
            "--pattern=-{R}/home",
            "{A}",
            "{R}"));
    s.add(
        rs(
            "pattern exclude recurses",
            "--pattern",
            "+sh:**/*.txt",
            "--pattern=-{R}/home",
            "{A}",
            "{R}/home"));
    s.add(
        rs(
            "pattern ! does not recurse",
            "--pattern",
            "+sh:**/*.txt",
            "--pattern",
            "!{R}/home",
            "{A}",
            "{R}/home"));
    s.add(
        rs(
            "--exclude does not recurse",
            "--pattern",
            "+sh:**/*.txt",
            "--exclude",
            "{R}/home",
            "{A}",
            "{R}/home"));
    s.add(
        rs(
            "pf looked up first",
            "--exclude",
            "{R}/etc",
            "--pattern",
            "+pf:{R}/etc",
            "{A}",
            "{R}/etc"));
    s.add(rs("exclude-caches", "--exclude-caches", "{A}", "{R}"));
    s.add(rs("exclude-caches keep tags", "--exclude-caches", "--keep-exclude-tags", "{A}", "{R}"));
    s.add(
        rs(
            "exclude-if-present",
            "--exclude-if-present",
            ".nobackup",
            "--exclude-if-present",
            "SLOT",
            "{A}",
            "{R}"));
    s.add(
        rs(
            "keep tags + excluded tag",
            "--exclude-if-present",
            "SLOT",
            "--keep-exclude-tags",
            "-e",
            "*/SLOT",
            "{A}",
            "{R}/var"));
    s.add(
        rs(
            "tag in excluded-recursed dir",
            "--exclude-caches",
            "--pattern",
            "+sh:**/*.bin",
            "--pattern=-{R}/var",
            "{A}",
            "{R}/var"));
    s.add(
        rs(
            "options after paths",
            "{A}",
            "{R}/etc",
            "{R}/srv",
            "-x",
            "--stats",
            "--compression",
            "lz4"));
    s.add(rs("paths split by an option refused", "{A}", "{R}/etc", "-x", "{R}/srv"));
    s.add(rs("unicode", "--exclude", "*é*", "--exclude", "sh:**/日本語", "{A}", "{R}/home"));
    s.add(rs("brackets fm", "--exclude", "*/[a-c]*", "{A}", "{R}/home"));
    s.add(rs("literal bracket", "--exclude", "*/[[]bracket]", "{A}", "{R}/home"));
    s.add(
        rs("argparse: value starting with dash refused", "--pattern", "-*.conf", "{A}", "{R}/etc"));
    s.add(rs("unknown style refused", "--exclude", "zz:foo", "{A}", "{R}/etc"));
    s.add(
        new RuleSet(
            "exclude-from",
            List.of("--exclude-from", "{ex}", "{A}", "{R}"),
            Map.of("ex", "# c\n  *.log  \n\nsh:{R}/home/*/projects\n")));
    s.add(
        new RuleSet(
            "patterns-from with P and R",
            List.of("--patterns-from", "{pf}", "{A}"),
            Map.of(
                "pf",
                "R {R}/home\nR {R}/etc\n# comment\nP fm\n+ */.ssh/*\n- */.ssh\nP sh\n! **/projects\n- **/*.txt\n")));
    s.add(
        new RuleSet(
            "pattern P on command line has no effect",
            List.of("--pattern", "P fm", "--pattern=-*.conf", "{A}", "{R}/etc"),
            Map.of()));
    s.add(
        rs(
            "re sees no leading slash",
            "--exclude",
            "re:^/",
            "--exclude",
            "re:^{R}/etc".replace("^/", "^"),
            "{A}",
            "{R}/etc",
            "{R}/srv"));
    s.add(
        rs(
            "symlink paths not followed",
            "{A}",
            "{R}/home/alice/link-to-docs",
            "{R}/srv/www/current"));
    s.add(
        rs(
            "pp style prefix only at component",
            "--exclude",
            "pp:{R}/home/al",
            "--exclude",
            "pp:{R}/var/log/",
            "{A}",
            "{R}/home",
            "{R}/var"));
    return s;
  }

  private static RuleSet rs(String name, String... args) {
    return new RuleSet(name, List.of(args), Map.of());
  }

  static List<RuleSet> random(Tree tree, long seed, int n) {
    Random rnd = new Random(seed * 131);
    List<String> rel = new ArrayList<>();
    for (String p : tree.paths()) {
      if (!p.equals("/")) {
        rel.add(PathNames.bare(p).substring(1));
      }
    }
    String r = tree.root().toString();
    String[] fixed = {
      "*.txt",
      "*.o",
      "*~",
      "*/.*",
      "*/Documents/*",
      "sh:**/D*s",
      "sh:**/?ore",
      "*/[a-c]*",
      "*cache*",
      "sh:**/src",
      "re:main",
      "sh:**/.ssh",
      "sh:**/lvl*",
      "re:\\.git$",
      "*/CACHEDIR.TAG",
      "*.conf",
      "re:mysql/",
      "sh:**/*.log",
      "*/SLOT"
    };
    String[] sources = {
      "", "/home", "/var", "/etc", "/home/alice", "/var/lib/mysql", "/etc/passwd", "/srv"
    };
    String[] cmds = {"+", "-", "!"};
    List<RuleSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> args = new ArrayList<>();
      int k = 1 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        String pat;
        if (rnd.nextInt(3) == 0) {
          pat = fixed[rnd.nextInt(fixed.length)];
        } else {
          String p = rel.get(rnd.nextInt(rel.size()));
          int style = rnd.nextInt(4);
          pat =
              switch (style) {
                case 0 -> "{R}/" + p;
                case 1 -> "sh:{R}/" + p.replaceFirst("^[^/]*", "*");
                case 2 -> "pp:{R}/" + p;
                default -> "*/" + p.substring(p.lastIndexOf('/') + 1);
              };
        }
        if (rnd.nextInt(3) == 0) {
          args.add("--pattern=" + cmds[rnd.nextInt(cmds.length)] + pat);
        } else {
          args.add("--exclude");
          args.add(pat);
        }
      }
      if (rnd.nextInt(4) == 0) {
        args.add("--exclude-caches");
      }
      if (rnd.nextInt(5) == 0) {
        args.add("--exclude-if-present");
        args.add(rnd.nextBoolean() ? ".nobackup" : "SLOT");
      }
      if (rnd.nextInt(5) == 0) {
        args.add("--keep-exclude-tags");
      }
      args.add("{A}");
      int m = 1 + rnd.nextInt(2);
      for (int j = 0; j < m; j++) {
        args.add("{R}" + sources[rnd.nextInt(sources.length)]);
      }
      out.add(new RuleSet("random " + seed + "/" + i, args, Map.of()));
    }
    // pattern files with style switches and extra roots
    String[] styles = {"P sh", "P fm", "P pp", "P re"};
    for (int i = 0; i < 4; i++) {
      StringBuilder f = new StringBuilder("# generated\nR {R}/etc\n");
      int k = 2 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        if (rnd.nextInt(3) == 0) {
          f.append(styles[rnd.nextInt(styles.length)]).append('\n');
        }
        String p = rel.get(rnd.nextInt(rel.size()));
        String pat = rnd.nextBoolean() ? "{R}/" + p : p.substring(p.lastIndexOf('/') + 1);
        f.append(cmds[rnd.nextInt(cmds.length)]).append(' ').append(pat).append('\n');
      }
      out.add(
          new RuleSet(
              "random patterns-from " + seed + "/" + i,
              List.of(
                  "--patterns-from", "{pf}", "{A}", "{R}" + sources[rnd.nextInt(sources.length)]),
              Map.of("pf", f.toString())));
    }
    return out;
  }
}
