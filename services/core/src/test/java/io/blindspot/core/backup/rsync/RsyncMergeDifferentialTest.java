package io.blindspot.core.backup.rsync;

import static org.junit.jupiter.api.Assertions.fail;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.oracle.OracleSupport;
import io.blindspot.core.backup.oracle.RootTreeGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests of per-directory merge files on small hand-made trees: parent dirscan of -F,
 * nested dir-merge rules, no-inherit, exclude-self, clearing, per-directory .cvsignore, and merge
 * files above the transfer root.
 */
class RsyncMergeDifferentialTest {

  /** Files of the tree (path → content; a path ending in '/' is a directory) and the argv. */
  record Case(String name, Map<String, String> tree, List<String> argv) {}

  static Map<String, String> base() {
    Map<String, String> t = new LinkedHashMap<>();
    for (String d : List.of("a/", "a/b/", "a/b/c/", "a/x/", "d/", "d/e/")) {
      t.put(d, null);
    }
    for (String f :
        List.of(
            "top.log",
            "keep.txt",
            "a/one.log",
            "a/keep.txt",
            "a/b/two.log",
            "a/b/tmp.o",
            "a/b/c/three.log",
            "a/b/c/core",
            "a/x/x.txt",
            "d/e/f.txt",
            "d/e/g.log",
            "d/h.bak")) {
      t.put(f, "x");
    }
    return t;
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    Map<String, String> t1 = base();
    t1.put("src/.rsync-filter", "- *.log\n");
    t1.put("src/a/.rsync-filter", "+ one.log\n- /x/\n");
    t1.put("src/a/b/.rsync-filter", "- c/\n");
    c.add(new Case("-F inherited and local precedence", t1, List.of("-a", "-F", "{S}/", "{D}")));
    c.add(
        new Case(
            "-F on a subdirectory reads the parents' files",
            t1,
            List.of("-a", "-F", "{S}/a/b/", "{D}")));
    c.add(new Case("-F dir form", t1, List.of("-a", "-F", "{S}/a", "{D}")));
    c.add(new Case("-F with -R", t1, List.of("-aR", "-F", "{S}/./a/b", "{D}")));
    c.add(new Case("no-inherit", t1, List.of("-a", "--filter=:n .rsync-filter", "{S}/", "{D}")));
    c.add(new Case("exclude-self", t1, List.of("-a", "--filter=:e .rsync-filter", "{S}/", "{D}")));
    c.add(
        new Case(
            "relative dir-merge: no parent scan",
            t1,
            List.of("-a", "--filter=: .rsync-filter", "{S}/a/b/", "{D}")));
    Map<String, String> t2 = base();
    t2.put("src/.rsync-filter", ": .more\n- *.bak\n");
    t2.put("src/d/.more", "- f.txt\n");
    t2.put("src/a/.more", "- keep.txt\n");
    c.add(new Case("nested dir-merge", t2, List.of("-a", "-F", "{S}/", "{D}")));
    Map<String, String> t3 = base();
    t3.put("src/.rsync-filter", "- *.log\n- *.txt\n");
    t3.put("src/a/.rsync-filter", "!\n- *.o\n");
    c.add(new Case("clear in a per-dir file", t3, List.of("-a", "-F", "{S}/", "{D}")));
    Map<String, String> t4 = base();
    t4.put("src/.cvsignore", "*.txt\n");
    t4.put("src/a/b/.cvsignore", "!\n*.log\n");
    c.add(new Case("per-dir .cvsignore", t4, List.of("-a", "-C", "{S}/", "{D}")));
    Map<String, String> t5 = base();
    t5.put("src/.rsync-filter", "+ */\n+ *.txt\n- *\n");
    t5.put("src/a/.rsync-filter", "- keep.txt\n");
    c.add(
        new Case(
            "include-only filter with a local override", t5, List.of("-a", "-F", "{S}/", "{D}")));
    Map<String, String> t6 = base();
    t6.put("src/a/.rsync-filter", "- /b/c/\n+ b/\n- b/*\n");
    c.add(
        new Case("anchored rules in a subdirectory file", t6, List.of("-a", "-F", "{S}/", "{D}")));
    c.add(
        new Case(
            "anchored rules in a subdirectory file, -R",
            t6,
            List.of("-aR", "-F", "{S}/./a", "{D}")));
    Map<String, String> t7 = base();
    t7.put("src/.rsync-filter", "-p *.log\nH *.bak\nP *.txt\n");
    c.add(
        new Case(
            "perishable, hide and protect in a per-dir file",
            t7,
            List.of("-a", "-F", "{S}/", "{D}")));
    Map<String, String> t8 = base();
    t8.put("src/.rsync-filter", "- one.log\n");
    t8.put("src/a/.rsync-filter", "+ one.log\n");
    c.add(new Case("deeper file wins", t8, List.of("-a", "-F", "--exclude=*.txt", "{S}/", "{D}")));
    c.add(new Case("-FF hides the filter files", t8, List.of("-aFF", "{S}/", "{D}")));
    Map<String, String> t9 = base();
    t9.put("src/d/.rsync-filter", "bogus rule\n");
    c.add(
        new Case(
            "a syntax error in a per-dir file aborts everything",
            t9,
            List.of("-a", "-F", "{S}/", "{D}")));
    c.add(
        new Case(
            "a broken per-dir file that rsync never reads",
            t9,
            List.of("-a", "-F", "--exclude=/d/", "{S}/", "{D}")));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> realRsyncAgreesOnMergeFiles() {
    String rsync = OracleSupport.requireTool("rsync", "/usr/bin/rsync");
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(rsync, c)));
  }

  static void check(String rsync, Case c) throws Exception {
    Path work = Files.createTempDirectory("blindspot-merge");
    try {
      // the tree lives in work/top/src; files outside src (parents) are merge files above it
      Path topDir = work.resolve("top");
      Map<String, String> contents = new LinkedHashMap<>();
      List<String> paths = new ArrayList<>();
      for (var e : c.tree().entrySet()) {
        String rel = e.getKey().startsWith("src/") ? e.getKey() : "src/" + e.getKey();
        Path p = topDir.resolve(rel);
        if (rel.endsWith("/")) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
          if (rel.contains(".rsync-filter")
              || rel.contains(".cvsignore")
              || rel.endsWith(".more")) {
            contents.put(p.toString(), e.getValue());
          }
        }
      }
      Path src = topDir.resolve("src");
      for (String rel : RootTreeGenerator.walk(src)) {
        paths.add(rel.equals("/") ? src + "/" : src + rel);
      }
      Path dst = work.resolve("dst");
      List<String> argv = new ArrayList<>(List.of("rsync"));
      for (String a : c.argv()) {
        argv.add(a.replace("{S}", src.toString()).replace("{D}", dst.toString()));
      }
      List<String> real = new ArrayList<>(argv);
      real.set(0, rsync);
      OracleSupport.Result res = OracleSupport.run(real, work, null);
      if (res.exit() != 0 && !c.name().contains("aborts")) {
        fail("rsync failed: " + res.out());
      }
      BackupRules rules =
          BackupRuleEngines.compile(new BackupJob("t", "rsync", argv, Map.of(), null, null));
      List<Verdict> verdicts = rules.evaluate(paths, new TreeFacts(List.of(), contents, Map.of()));
      // map dst back to src: "dir/" sources copy contents, "dir" sources the dir, -R full paths
      if (c.name().contains("aborts")) {
        // rsync exits with a syntax error partway (with incremental recursion some directories
        // may already exist, racily): the engine must report that nothing is backed up
        if (res.exit() != 1) {
          fail("rsync was expected to abort with a syntax error: " + res.exit() + res.out());
        }
        for (Verdict v : verdicts) {
          if (v.included() || !v.rule().text().startsWith("rsync aborts")) {
            fail("engine should report the abort for every path: " + v);
          }
        }
        return;
      }
      String srcArg = argv.get(argv.size() - 2);
      boolean relative = argv.stream().anyMatch(a -> a.startsWith("-a") && a.contains("R"));
      String currDir;
      if (relative) {
        currDir = srcArg.substring(0, srcArg.indexOf("/./"));
      } else if (srcArg.endsWith("/")) {
        currDir = srcArg.substring(0, srcArg.length() - 1);
      } else {
        currDir = srcArg.substring(0, srcArg.lastIndexOf('/'));
      }
      Set<String> stored = new TreeSet<>();
      for (String rel : Files.exists(dst) ? RootTreeGenerator.walk(dst) : List.<String>of()) {
        if (rel.equals("/") && !srcArg.endsWith("/")) {
          continue; // the destination root is the source only for "dir/" sources
        }
        String back = rel.equals("/") ? currDir + "/" : currDir + rel;
        if (paths.contains(back)) {
          stored.add(back);
        }
      }
      OracleSupport.assertSameSet(
          c.name(), String.join(" ", argv) + "\n" + c.tree(), verdicts, stored);
    } finally {
      OracleSupport.deleteTree(work);
    }
  }
}
