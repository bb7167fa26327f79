package io.blindspot.core.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** restic itself decides: restic backup per rule set, restic ls --json SNAPSHOT, compared. */
class ResticDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record RuleSet(String name, List<String> args, Map<String, String> files) {}

  @Test
  void ruleSetsMatchRealRestic() throws Exception {
    DiffSupport.requireTool("restic");
    Path scratch = DiffSupport.scratch(tmp, "blindspot-restic");
    try {
      runAll(scratch);
    } finally {
      DiffSupport.deleteTree(scratch);
    }
  }

  private void runAll(Path scratch) throws Exception {
    Map<String, String> env =
        Map.of(
            "RESTIC_PASSWORD",
            "blindspot",
            "RESTIC_REPOSITORY",
            scratch.resolve("repo").toString(),
            "RESTIC_CACHE_DIR",
            scratch.resolve("cache").toString());
    DiffSupport.Result init = DiffSupport.run(List.of("restic", "init"), env, tmp);
    assertThat(init.exit()).as(init.stderr()).isZero();
    Tree tree = RootTreeGenerator.generate(tmp.resolve("tree"), 11);
    List<RuleSet> sets = new ArrayList<>(handWritten());
    sets.addAll(random(tree, 11, 10));
    assertThat(sets.size()).isGreaterThanOrEqualTo(40);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < sets.size(); i++) {
        RuleSet rs = sets.get(i);
        int n = i;
        results.add(pool.submit(() -> check(tree, rs, env, n)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> f : results) {
        String s = f.get();
        if (!s.isEmpty()) {
          failures.add(s);
        }
      }
      if (!failures.isEmpty()) {
        fail(
            failures.size()
                + " of "
                + sets.size()
                + " rule sets differ from restic:\n"
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
    List<String> cmd = new ArrayList<>(List.of("restic", "backup", "--json", "--host", "t" + n));
    cmd.addAll(args);
    DiffSupport.Result b = DiffSupport.run(cmd, env, tmp);
    BackupJob job = new BackupJob("t", "restic", cmd, files, null, null);
    if (b.exit() != 0 && b.exit() != 3) {
      try {
        BackupRuleEngines.compile(job);
        return "--- "
            + rs.name()
            + ": restic refused ("
            + b.stderr().strip()
            + ") but the engine compiled it: "
            + String.join(" ", cmd);
      } catch (JobConfigException expected) {
        return "";
      }
    }
    String id = null;
    for (String line : b.out().split("\n")) {
      if (line.contains("\"summary\"")) {
        id = JSON.readTree(line).get("snapshot_id").asText();
      }
    }
    if (id == null) {
      return "--- " + rs.name() + ": no snapshot id in " + b.out();
    }
    DiffSupport.Result ls = DiffSupport.run(List.of("restic", "ls", "--json", id), env, tmp);
    // what restic stored, read with Blindspot's own listing reader
    Set<String> real = new TreeSet<>();
    ListingReader.forMediaType(ListingReader.RESTIC_LS_JSON)
        .read(new ByteArrayInputStream(ls.stdout()), p -> real.add(PathNames.bare(p)));
    if (rs.name().equals("plain") && real.size() < tree.realPaths().size()) {
      return "--- plain: restic ls listed only " + real.size() + " paths";
    }
    List<String> paths = new ArrayList<>(tree.realPaths());
    for (String a = PathNames.parent(r); a != null; a = PathNames.parent(a)) {
      paths.add(PathNames.notation(a, true));
    }
    BackupRules rules = BackupRuleEngines.compile(job);
    Set<String> engine = DiffSupport.included(rules, paths, tree.realFacts());
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
        + DiffSupport.explainDiff(rules, real, engine, paths, tree.realFacts());
  }

  static List<RuleSet> handWritten() {
    List<RuleSet> s = new ArrayList<>();
    s.add(rs("plain", "{R}"));
    s.add(rs("nested source stores ancestors", "{R}/home/alice/Documents", "{R}/etc/passwd"));
    s.add(rs("relative pattern any component", "--exclude", ".ssh", "{R}"));
    s.add(rs("pattern matches inner components", "--exclude", "home/alice", "{R}"));
    s.add(rs("absolute pattern", "--exclude", "{R}/var", "{R}"));
    s.add(rs("source itself excluded", "--exclude", "etc", "{R}/etc"));
    s.add(rs("star does not cross slash", "--exclude", "home*", "--exclude", "*.conf", "{R}"));
    s.add(rs("double star", "-e", "{R}/**/src", "{R}"));
    s.add(rs("double star tail", "--exclude", "Documents/**", "{R}/home"));
    s.add(rs("negation", "--exclude", "{R}/home/*", "--exclude", "!{R}/home/alice", "{R}/home"));
    s.add(
        rs(
            "negation re-includes by any component",
            "--exclude",
            "*.txt",
            "--exclude",
            "!Documents",
            "{R}/home"));
    s.add(rs("negation order", "--exclude", "!*.log", "--exclude", "*.log", "{R}/var"));
    s.add(rs("iexclude", "--iexclude", "DOCUMENTS", "--iexclude", "*.LOG", "{R}"));
    s.add(
        rs(
            "iexclude not undone by negation",
            "--iexclude",
            "MYSQL",
            "--exclude",
            "!mysql",
            "{R}/var"));
    s.add(rs("exclude-caches", "--exclude-caches", "{R}"));
    s.add(rs("exclude-if-present", "--exclude-if-present", ".nobackup", "{R}/home"));
    s.add(
        rs(
            "exclude-if-present header",
            "--exclude-if-present",
            "CACHEDIR.TAG:not a real",
            "{R}/var"));
    s.add(rs("tag above the source", "--exclude-caches", "{R}/var/cache/app/sub"));
    s.add(rs("exclude-larger-than caveat", "--exclude-larger-than", "1G", "{R}/etc"));
    s.add(rs("bundled -x and flags", "-x", "-q", "--tag", "nightly", "--host=h", "{R}/srv"));
    s.add(rs("trailing slash pattern also files", "--exclude", "passwd/", "{R}/etc"));
    s.add(rs("brackets", "--exclude", "[a-c]*", "{R}/home"));
    s.add(rs("escaped brackets", "--exclude", "\\[bracket\\]", "{R}/home"));
    s.add(rs("bad pattern refused", "--exclude", "[", "{R}/etc"));
    s.add(rs("symlink source", "{R}/home/alice/link-to-docs", "{R}/srv/www/current"));
    s.add(rs("unicode", "--exclude", "*é*", "--exclude", "日本語", "{R}/home"));
    s.add(
        new RuleSet(
            "exclude-file",
            List.of("--exclude-file", "{ex}", "--exclude", "*.log", "{R}"),
            Map.of("ex", "# comment\n  *.o  \n\n!main.o\n{R}/srv\n")));
    s.add(
        new RuleSet(
            "cmdline before file patterns",
            List.of("--exclude-file", "{ex}", "--exclude", "!*.conf", "{R}/etc"),
            Map.of("ex", "*.conf\n")));
    s.add(
        new RuleSet(
            "iexclude-file",
            List.of("--iexclude-file", "{ex}", "{R}/home"),
            Map.of("ex", "*.TXT\n.SSH\n")));
    s.add(
        new RuleSet(
            "files-from",
            List.of("--files-from", "{ff}"),
            Map.of("ff", "# list\n{R}/etc\n{R}/home/*/Documents\n\n")));
    s.add(
        new RuleSet(
            "files-from-verbatim",
            List.of("--files-from-verbatim", "{ff}"),
            Map.of("ff", "{R}/etc/ssh\n{R}/var/log\n")));
    s.add(
        new RuleSet(
            "files-from-raw",
            List.of("--files-from-raw", "{ff}"),
            Map.of("ff", "{R}/srv\0{R}/root\0")));
    return s;
  }

  private static RuleSet rs(String name, String... args) {
    return new RuleSet(name, List.of(args), Map.of());
  }

  static List<RuleSet> random(Tree tree, long seed, int n) {
    Random rnd = new Random(seed * 31);
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
      "Documents/*",
      "D*s",
      "?ore",
      "[a-c]*",
      "*cache*",
      "src",
      "main/*",
      "projects/*/src",
      "home/*/.ssh",
      "**/lvl*",
      ".git",
      "CACHEDIR.TAG",
      "*.conf",
      "mysql",
      "**/*.log",
      "pkg/**/SLOT",
      "!*.txt",
      "!Documents",
      "!.ssh",
      "!**/src/**"
    };
    String[] sources = {
      "", "/home", "/var", "/etc", "/home/alice", "/var/lib/mysql", "/etc/passwd", "/srv"
    };
    List<RuleSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> args = new ArrayList<>();
      int k = 1 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        String pat;
        int src = rnd.nextInt(5);
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
          if (src == 4) {
            pat = "!" + pat;
          }
          if (rnd.nextInt(6) == 0) {
            pat = "{R}/" + p;
          }
        }
        int opt = rnd.nextInt(8);
        if (opt == 0) {
          args.add("--iexclude");
          pat = rnd.nextBoolean() ? pat.toUpperCase(java.util.Locale.ROOT) : pat;
        } else {
          args.add("--exclude");
        }
        args.add(pat);
      }
      if (rnd.nextInt(4) == 0) {
        args.add("--exclude-caches");
      }
      if (rnd.nextInt(5) == 0) {
        args.add("--exclude-if-present");
        args.add(rnd.nextBoolean() ? ".nobackup" : "SLOT");
      }
      int m = 1 + rnd.nextInt(2);
      for (int j = 0; j < m; j++) {
        args.add("{R}" + sources[rnd.nextInt(sources.length)]);
      }
      out.add(new RuleSet("random " + seed + "/" + i, args, Map.of()));
    }
    for (int i = 0; i < 3; i++) {
      StringBuilder f = new StringBuilder("# generated\n\n");
      int k = 2 + rnd.nextInt(5);
      for (int j = 0; j < k; j++) {
        String p = rel.get(rnd.nextInt(rel.size()));
        String pat = rnd.nextBoolean() ? "{R}/" + p : p.substring(p.lastIndexOf('/') + 1);
        f.append(rnd.nextInt(4) == 0 ? "!" : "")
            .append(pat)
            .append(rnd.nextBoolean() ? "  \n" : "\n");
      }
      out.add(
          new RuleSet(
              "random exclude-file " + seed + "/" + i,
              List.of(
                  "--exclude-file",
                  "{ex}",
                  "--exclude",
                  fixed[rnd.nextInt(fixed.length)],
                  "{R}" + sources[rnd.nextInt(sources.length)]),
              Map.of("ex", f.toString())));
    }
    return out;
  }
}
