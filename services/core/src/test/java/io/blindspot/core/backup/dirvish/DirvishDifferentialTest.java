package io.blindspot.core.backup.dirvish;

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
 * Differential tests: the real dirvish (its own Perl, with CONFDIR pointed at a temp dir instead of
 * /etc/dirvish) makes an --init image of the generated tree; the engine evaluates the same
 * master.conf / default.conf; the image's tree must hold exactly the paths the engine includes.
 */
class DirvishDifferentialTest {

  static SharedTree st;
  static Path dirvish;
  static Path confdir;
  static Path bank;
  static int vaultNo;

  @BeforeAll
  static void setUp() throws IOException {
    String real = OracleSupport.requireTool("dirvish", "/usr/sbin/dirvish", "/usr/bin/dirvish");
    OracleSupport.requireTool("perl", "/usr/bin/perl");
    OracleSupport.requireTool("rsync", "/usr/bin/rsync");
    st = SharedTree.get();
    Path work = st.newDir("dirvish");
    confdir = Files.createDirectories(work.resolve("etc/dirvish"));
    bank = Files.createDirectories(work.resolve("bank"));
    String src = Files.readString(Path.of(real), StandardCharsets.UTF_8);
    String patched = src.replace("$CONFDIR = \"/etc/dirvish\";", "$CONFDIR = \"" + confdir + "\";");
    if (patched.equals(src)) {
      fail("cannot point dirvish's CONFDIR at a temp dir: the script changed");
    }
    dirvish = work.resolve("dirvish.pl");
    Files.writeString(dirvish, patched, StandardCharsets.UTF_8);
  }

  /** master.conf and default.conf texts with {T} (tree root) and {BANK}; extra CLI args. */
  record Case(String name, String master, String vault, List<String> args) {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    String m = "bank:\n\t{BANK}\nimage-default: %Y%m%d\n";
    String v = "client: localhost\ntree: {T}\n";
    c.add(new Case("no excludes", m, v, List.of()));
    c.add(
        new Case(
            "founding story: master excludes /var/db",
            m + "exclude:\n\tlost+found/\n\tcore\n\t/proc/\n\t/var/db\n",
            v + "xdev: 1\n",
            List.of()));
    c.add(new Case("vault excludes", m, v + "exclude:\n\t/home/*/.cache/\n\t*.log\n", List.of()));
    c.add(
        new Case(
            "master and vault excludes",
            m + "exclude:\n\t*.tmp\n",
            v + "exclude:\n\t/var/lib/mysql/\n",
            List.of()));
    c.add(new Case("xdev 1", m, v + "xdev: 1\n", List.of()));
    c.add(new Case("xdev 0", m, v + "xdev: 0\n", List.of()));
    c.add(new Case("SET xdev", m + "SET xdev\n", v, List.of()));
    c.add(new Case("UNSET xdev in vault", m + "xdev: 1\n", v + "UNSET xdev\n", List.of()));
    c.add(new Case("inline exclude is the whole line", m + "exclude: etc\n", v, List.of()));
    c.add(
        new Case(
            "comments and hash patterns",
            m + "exclude:\n\t*.tmp   # temp files\n\t#hash\n\t/srv/ # www\n",
            v,
            List.of()));
    c.add(
        new Case(
            "RESET exclude in vault",
            m + "exclude:\n\t/etc/\n",
            v + "RESET exclude\n\t/var/\n",
            List.of()));
    c.add(
        new Case(
            "rsync-option with filters",
            m,
            v + "rsync-option:\n\t--filter=- *.log\n\t-C\n",
            List.of()));
    c.add(new Case("rsync-option -F", m, v + "rsync-option:\n\t-F\n", List.of()));
    c.add(
        new Case(
            "tree with trailing slash",
            m,
            "client: localhost\ntree: {T}/\nexclude:\n\t/etc/\n",
            List.of()));
    c.add(
        new Case(
            "tree is a subdirectory",
            m,
            "client: localhost\ntree: {T}/home\nexclude:\n\t/alice/\n\tDocuments/\n",
            List.of()));
    c.add(
        new Case(
            "command-line exclude", m + "exclude:\n\t/tmp/\n", v, List.of("--exclude", "/var/")));
    c.add(new Case("command-line no-xdev", m + "xdev: 1\n", v, List.of("--no-xdev")));
    c.add(new Case("capitalised keys ignored", m + "Exclude:\n\t/etc/\n", v, List.of()));
    c.add(
        new Case(
            "anchored with wildcard classes",
            m + "exclude:\n\t/var/db/pkg/*/[a-m]*\n\t**/.git/\n\t/home/*/Documents/*.pdf\n",
            v,
            List.of()));
    c.add(
        new Case(
            "include-like prefix lines",
            m + "exclude:\n\t+ /var/log/\n\t/var/*\n\t- /etc/ssh/\n",
            v,
            List.of()));
    Random r = new Random(777);
    List<String> rooted = st.tree.paths();
    for (int k = 0; k < 22; k++) {
      StringBuilder master = new StringBuilder(m);
      StringBuilder vault = new StringBuilder(v);
      if (r.nextInt(3) == 0) {
        vault.append("xdev: 1\n");
      }
      for (StringBuilder sb : List.of(master, vault)) {
        if (r.nextBoolean()) {
          sb.append("exclude:\n");
          int n = 1 + r.nextInt(4);
          for (int i = 0; i < n; i++) {
            String p = rooted.get(1 + r.nextInt(rooted.size() - 1));
            String pat = RandomPatterns.pattern(r, p, "");
            if (pat.contains("#") || pat.trim().isEmpty() || !pat.equals(pat.strip())) {
              pat = "*.log";
            }
            sb.append('\t').append(pat).append('\n');
          }
        }
      }
      c.add(new Case("random #" + k, master.toString(), vault.toString(), List.of()));
    }
    return c;
  }

  @TestFactory
  Stream<DynamicTest> realDirvishAgreesWithTheEngine() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  static void check(Case c) throws IOException {
    String vault = "v" + (++vaultNo);
    Path vdir = Files.createDirectories(bank.resolve(vault).resolve("dirvish"));
    String t = st.tree.root().toString();
    String master = c.master().replace("{BANK}", bank.toString()).replace("{T}", t);
    String def = c.vault().replace("{BANK}", bank.toString()).replace("{T}", t);
    Files.writeString(confdir.resolve("master.conf"), master, StandardCharsets.UTF_8);
    Files.writeString(vdir.resolve("default.conf"), def, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("--vault", vault, "--init", "--image", "img"));
    args.addAll(c.args());
    List<String> cmd = new ArrayList<>(List.of("perl", dirvish.toString()));
    cmd.addAll(args);
    OracleSupport.Result res = OracleSupport.run(cmd, st.work, null);
    Path image = bank.resolve(vault).resolve("img");
    String summary =
        Files.exists(image.resolve("summary")) ? Files.readString(image.resolve("summary")) : "";
    if (!Files.isDirectory(image.resolve("tree"))) {
      fail("dirvish made no image (" + res.exit() + "):\n" + res.out() + "\n" + summary);
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("/etc/dirvish/master.conf", master);
    files.put(bank + "/" + vault + "/dirvish/default.conf", def);
    List<String> jobCmd = new ArrayList<>(List.of("dirvish"));
    jobCmd.addAll(args);
    BackupRules rules;
    try {
      rules = BackupRuleEngines.compile(new BackupJob("t", "dirvish", jobCmd, files, null, null));
    } catch (Exception e) {
      throw new AssertionError("engine refused " + c.name() + ": " + e.getMessage(), e);
    }
    List<Verdict> verdicts = rules.evaluate(st.paths, st.facts);
    // the image's tree holds the contents of the source tree ("rsync ... TREE/ IMAGE/tree")
    String srcRoot = rules.sources().get(0);
    Set<String> stored = new TreeSet<>();
    Set<String> storedRel = new TreeSet<>(RootTreeGenerator.walk(image.resolve("tree")));
    for (String rel : storedRel) {
      String back = rel.equals("/") ? srcRoot + "/" : srcRoot + rel;
      if (!st.pathSet.contains(back)) {
        fail("dirvish stored " + rel + " which maps back to no tree path (" + back + ")");
      }
      stored.add(back);
    }
    OracleSupport.deleteTree(bank.resolve(vault));
    OracleSupport.assertSameSet(
        c.name(),
        "master.conf:\n" + master + "default.conf:\n" + def + "\nsummary:\n" + summary,
        verdicts,
        stored);
  }
}
