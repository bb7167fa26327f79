package io.blindspot.core.backup.rsnapshot;

import static org.junit.jupiter.api.Assertions.fail;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.oracle.OracleSupport;
import io.blindspot.core.backup.oracle.RandomPatterns;
import io.blindspot.core.backup.oracle.RootTreeGenerator;
import io.blindspot.core.backup.oracle.SharedTree;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests: the real rsnapshot runs "alpha" with a generated rsnapshot.conf over the
 * generated tree; the engine evaluates the same config; the snapshot must hold exactly the paths
 * the engine includes.
 */
class RsnapshotDifferentialTest {

  static SharedTree st;
  static String rsnapshot;
  static Path work;
  static int caseNo;

  @BeforeAll
  static void setUp() {
    rsnapshot = OracleSupport.requireTool("rsnapshot", "/usr/bin/rsnapshot");
    OracleSupport.requireTool("rsync", "/usr/bin/rsync");
    st = SharedTree.get();
    work = st.newDir("rsnapshot");
  }

  /**
   * A config body (lines after the fixed header, {T} = tree root, {F:name} = aux file) and how each
   * backup point maps back: dest → source root (relative=true: the full path is kept).
   */
  record Case(String name, String body, Map<String, String> aux, boolean relative) {
    Case(String name, String body) {
      this(name, body, Map.of(), true);
    }
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("plain", "backup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "global excludes", "exclude\t/var/db\nexclude\t*.log\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "anchored relative to / with --relative",
            "exclude\t{T}/var/db/\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "include before exclude",
            "include\t{T}/var/\ninclude\t{T}/var/lib/***\nexclude\t{T}/var/*\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "exclude order is config order",
            "exclude\t*.txt\ninclude\tnotes*\nbackup\t{T}/\tlocalhost/\n"));
    c.add(new Case("one_fs", "one_fs\t1\nbackup\t{T}/\tlocalhost/\n"));
    c.add(new Case("per-point one_fs", "backup\t{T}/\tlocalhost/\tone_fs=1\n"));
    c.add(
        new Case(
            "per-point one_fs=0 overrides global",
            "one_fs\t1\nbackup\t{T}/\tlocalhost/\tone_fs=0\n"));
    c.add(
        new Case(
            "per-point excludes drop the global ones",
            "exclude\t/etc/\nbackup\t{T}/\tlocalhost/\texclude=*.log,exclude=/home/\n"));
    c.add(
        new Case(
            "two backup points",
            "exclude\t.cache/\nbackup\t{T}/etc/\tlocalhost/\nbackup\t{T}/home/\tlocalhost/\n"));
    c.add(
        new Case(
            "exclude_file after exclude lines",
            "exclude_file\t{F:ex}\ninclude\t*.log\nbackup\t{T}/\tlocalhost/\n",
            Map.of("ex", "*.log\n/var/\n"),
            true));
    c.add(
        new Case(
            "include_file",
            "include_file\t{F:in}\nexclude\t*\nbackup\t{T}/\tlocalhost/\n",
            Map.of("in", "*/\n*.conf\n"),
            true));
    c.add(
        new Case(
            "include_conf",
            "include_conf\t{F:more}\nbackup\t{T}/\tlocalhost/\n",
            Map.of("more", "exclude\t/var/lib/mysql/\nexclude\t*.ibd\n"),
            true));
    c.add(
        new Case(
            "pattern with a space splits into a source",
            "exclude\treport 2024.txt\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "quoted pattern with a space",
            "exclude\t\"report 2024.txt\"\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "rsync_long_args without --relative",
            "rsync_long_args\t--delete --numeric-ids\nexclude\t/var/\nbackup\t{T}/\tlocalhost/\n",
            Map.of(),
            false));
    c.add(
        new Case(
            "rsync_long_args with a filter",
            "rsync_long_args\t--delete --numeric-ids --relative --filter=-_*.tmp\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "extra long args per point",
            "backup\t{T}/\tlocalhost/\t+rsync_long_args=--exclude=/srv/\n"));
    c.add(new Case("rsync_short_args", "rsync_short_args\t-rlpt\nbackup\t{T}/home/\tlocalhost/\n"));
    c.add(
        new Case(
            "short args without links", "rsync_short_args\t-r\nbackup\t{T}/home/\tlocalhost/\n"));
    c.add(new Case("continuation line", "exclude\n\t/var/\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case(
            "cvs exclude via long args",
            "rsync_long_args\t--delete --relative -C\nbackup\t{T}/\tlocalhost/\n"));
    c.add(
        new Case("-F via long args", "rsync_long_args\t--relative -F\nbackup\t{T}/\tlocalhost/\n"));
    Random r = new Random(9001);
    List<String> rooted = st.tree.paths();
    for (int k = 0; k < 20; k++) {
      StringBuilder b = new StringBuilder();
      if (r.nextInt(4) == 0) {
        b.append("one_fs\t1\n");
      }
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        String p = rooted.get(1 + r.nextInt(rooted.size() - 1));
        String pat = RandomPatterns.pattern(r, p, "{T}");
        if (pat.matches(".*[\\s'\",].*")) {
          pat = "*.log";
        }
        b.append(r.nextInt(4) == 0 ? "include\t" : "exclude\t").append(pat).append('\n');
      }
      b.append("backup\t{T}/\tlocalhost/\n");
      c.add(new Case("random #" + k, b.toString()));
    }
    return c;
  }

  @TestFactory
  Stream<DynamicTest> realRsnapshotAgreesWithTheEngine() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  static void check(Case c) throws IOException {
    int n = ++caseNo;
    Path root = work.resolve("snap" + n);
    String t = st.tree.root().toString();
    Map<String, String> files = new LinkedHashMap<>();
    String body = c.body().replace("{T}", t);
    for (var e : c.aux().entrySet()) {
      Path aux = work.resolve("aux-" + n + "-" + e.getKey());
      String content = e.getValue().replace("{T}", t);
      Files.writeString(aux, content, StandardCharsets.UTF_8);
      files.put(aux.toString(), content);
      body = body.replace("{F:" + e.getKey() + "}", aux.toString());
    }
    String conf =
        "config_version\t1.2\n"
            + "snapshot_root\t"
            + root
            + "/\n"
            + "no_create_root\t0\n"
            + "cmd_rsync\t/usr/bin/rsync\n"
            + "retain\talpha\t3\n"
            + "lockfile\t"
            + work.resolve("lock" + n)
            + "\n"
            + body;
    Path confFile = work.resolve("rsnapshot" + n + ".conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    files.put(confFile.toString(), conf);
    OracleSupport.Result res =
        OracleSupport.run(List.of(rsnapshot, "-c", confFile.toString(), "alpha"), work, null);
    Path snap = root.resolve("alpha.0");
    if (!Files.isDirectory(snap)) {
      fail("rsnapshot made no snapshot (" + res.exit() + "):\n" + res.out() + "\n" + conf);
    }
    BackupRules rules;
    try {
      rules =
          BackupRuleEngines.compile(
              new BackupJob(
                  "t",
                  "rsnapshot",
                  List.of("rsnapshot", "-c", confFile.toString(), "alpha"),
                  files,
                  null,
                  null));
    } catch (Exception e) {
      throw new AssertionError("engine refused " + c.name() + ": " + e.getMessage(), e);
    }
    List<Verdict> verdicts = rules.evaluate(st.paths, st.facts);
    Set<String> stored = new TreeSet<>();
    // every backup point in these cases uses dest "localhost/"
    Path dest = snap.resolve("localhost");
    if (Files.isDirectory(dest)) {
      for (String rel : RootTreeGenerator.walk(dest)) {
        if (c.relative()) {
          if (st.pathSet.contains(rel)) {
            stored.add(rel);
          } else if (!(t + "/").startsWith(rel)) {
            fail("rsnapshot stored " + rel + " which maps back to no tree path");
          }
        } else {
          String back = rel.equals("/") ? t + "/" : t + rel;
          if (!st.pathSet.contains(back)) {
            fail("rsnapshot stored " + rel + " which maps back to no tree path");
          }
          stored.add(back);
        }
      }
    }
    OracleSupport.deleteTree(root);
    OracleSupport.assertSameSet(c.name(), conf + "\n" + res.out(), verdicts, stored);
  }
}
