package io.blindspot.core.bench;

import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.rsync.RsyncRuleEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * 1,000,000 paths of a synthetic root-like tree against a 200-rule rsync filter: the engine
 * (compiled rule set with hash indexes, per-directory verdict cache) versus a naive baseline that
 * turns every rule into a java.util.regex and tries them all on every path (first match wins, no
 * pruning of excluded directories, so it is also less correct). Scores are paths per second.
 *
 * <p>Run: {@code java -cp <test-classpath> org.openjdk.jmh.Main RsyncFilterBenchmark}, or this
 * class's main() for a quick single-shot measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class RsyncFilterBenchmark {

  static final int PATHS = 1_000_000;
  static final int NAIVE_PATHS = 50_000;

  List<String> paths;
  List<String> naivePaths;
  BackupRules rules;
  List<String> rawRules;
  Pattern[] naive;
  boolean[] naiveInclude;

  @Setup
  public void setUp() throws Exception {
    Random r = new Random(1);
    paths = syntheticPaths(r, PATHS);
    naivePaths = paths.subList(0, NAIVE_PATHS);
    rawRules = ruleSet(new Random(2));
    List<String> argv = new ArrayList<>(List.of("rsync", "-a"));
    for (String rule : rawRules) {
      argv.add("--filter=" + rule);
    }
    argv.add("/");
    argv.add("/backup");
    rules = RsyncRuleEngine.compile(argv, Map.of(), x -> x);
    naive = new Pattern[rawRules.size()];
    naiveInclude = new boolean[rawRules.size()];
    for (int i = 0; i < rawRules.size(); i++) {
      String rule = rawRules.get(i);
      naiveInclude[i] = rule.startsWith("+");
      naive[i] = Pattern.compile(globToRegex(rule.substring(2)));
    }
  }

  static final String[] TOP = {"etc", "var", "home", "usr", "srv", "opt", "root"};
  static final String[] DIRS = {
    "lib",
    "share",
    "cache",
    "db",
    "pkg",
    "log",
    "src",
    "main",
    "java",
    "node_modules",
    ".git",
    "build",
    "target",
    "tmp",
    "docs",
    "images",
    "conf.d",
    "data",
    "backup",
    "objects",
    "x86_64",
    "include",
    "bin",
    "locale",
    "fonts",
    "python3.11",
    "site-packages",
    "__pycache__",
    "dist"
  };
  static final String[] EXT = {
    ".c", ".h", ".o", ".so", ".py", ".pyc", ".log", ".gz", ".txt", ".conf", ".jar", ".class",
    ".tmp", ".bak", ".json", ".xml", ".png", ""
  };

  /** A root-like tree: directories with 4–30 files each, depth 2–9, shared ancestors. */
  static List<String> syntheticPaths(Random r, int n) {
    List<String> out = new ArrayList<>(n);
    out.add("/");
    while (out.size() < n) {
      StringBuilder dir = new StringBuilder("/").append(TOP[r.nextInt(TOP.length)]).append('/');
      out.add(dir.toString());
      int depth = 2 + r.nextInt(8);
      for (int d = 0; d < depth && out.size() < n; d++) {
        dir.append(DIRS[r.nextInt(DIRS.length)]).append(r.nextInt(6)).append('/');
        out.add(dir.toString());
        int files = 4 + r.nextInt(27);
        for (int f = 0; f < files && out.size() < n; f++) {
          out.add(dir + "file" + r.nextInt(500) + EXT[r.nextInt(EXT.length)]);
        }
      }
    }
    return out;
  }

  /** 200 realistic rules: names, suffixes, anchored paths, wildcards, a few includes. */
  static List<String> ruleSet(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add("+ /home/user" + i + "/important" + i + "/");
    }
    // names: a third of them occur in the tree (digits 0-5), the rest do not
    for (int i = 0; i < 50; i++) {
      out.add("- " + DIRS[i % DIRS.length] + (i % 18) + (i % 3 == 0 ? "/" : ""));
    }
    // suffixes: a few common ones (.o, .pyc, .tmp, .bak), the rest rare
    for (int i = 0; i < 40; i++) {
      String ext = i < 4 ? new String[] {".o", ".pyc", ".tmp", ".bak"}[i] : ".x" + i;
      out.add("- *" + ext);
    }
    for (int i = 0; i < 50; i++) {
      out.add(
          "- /"
              + TOP[i % TOP.length]
              + "/"
              + DIRS[(i * 7) % DIRS.length]
              + (i % 6)
              + "/"
              + DIRS[(i * 3) % DIRS.length]
              + (i % 5)
              + "/");
    }
    for (int i = 0; i < 40; i++) {
      switch (i % 5) {
        case 0 -> out.add("- file" + (i * 3) + "[0-4]*");
        case 1 -> out.add("- **/" + DIRS[i % DIRS.length] + "?/file1*");
        case 2 -> out.add("- /var/**/" + DIRS[i % DIRS.length] + "1/");
        case 3 -> out.add("- cache[0-9]/**" + EXT[i % EXT.length]);
        default -> out.add("- " + DIRS[i % DIRS.length] + "*/file?" + EXT[i % EXT.length]);
      }
    }
    return out;
  }

  /** The naive translation: rsync glob → regex on the path, anchored or at any '/' boundary. */
  static String globToRegex(String glob) {
    boolean dirOnly = glob.endsWith("/");
    String g = dirOnly ? glob.substring(0, glob.length() - 1) : glob;
    boolean anchored = g.startsWith("/");
    if (anchored) {
      g = g.substring(1);
    }
    StringBuilder re = new StringBuilder(anchored ? "^" : "(?:^|.*/)");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          re.append(".*");
          while (i + 1 < g.length() && g.charAt(i + 1) == '*') {
            i++;
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = g.indexOf(']', i + 1);
        re.append(g, i, end + 1);
        i = end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    re.append(dirOnly ? "/$" : "/?$");
    return re.toString();
  }

  @Benchmark
  @OperationsPerInvocation(PATHS)
  public void engine(Blackhole bh) {
    List<Verdict> v = rules.evaluate(paths, TreeFacts.NONE);
    bh.consume(v);
  }

  @Benchmark
  @OperationsPerInvocation(NAIVE_PATHS)
  public void naiveRegex(Blackhole bh) {
    int included = 0;
    for (String p : naivePaths) {
      String rel = p.substring(1);
      boolean in = true;
      for (int i = 0; i < naive.length; i++) {
        if (naive[i].matcher(rel).matches()) {
          in = naiveInclude[i];
          break;
        }
      }
      if (in) {
        included++;
      }
    }
    bh.consume(included);
  }

  /** A quick single-shot measurement without JMH. */
  public static void main(String[] args) throws Exception {
    RsyncFilterBenchmark b = new RsyncFilterBenchmark();
    b.setUp();
    // process CPU time as well as wall time: on a loaded shared machine the CPU-time rate is
    // the better estimate of what one core does (run with -XX:+UseSerialGC so GC is counted)
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int round = 0; round < 10; round++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      List<Verdict> v = b.rules.evaluate(b.paths, TreeFacts.NONE);
      long t1 = System.nanoTime();
      long c1 = os.getProcessCpuTime();
      long inc = v.stream().filter(Verdict::included).count();
      System.out.printf(
          "engine: %,d paths in %d ms wall = %,.0f paths/s; %d ms CPU = %,.0f paths/CPU-s"
              + " (%,d included)%n",
          PATHS,
          (t1 - t0) / 1_000_000,
          PATHS / ((t1 - t0) / 1e9),
          (c1 - c0) / 1_000_000,
          PATHS / ((c1 - c0) / 1e9),
          inc);
    }
    for (int round = 0; round < 2; round++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      int n = 0;
      for (String p : b.naivePaths) {
        String rel = p.substring(1);
        for (Pattern pt : b.naive) {
          if (pt.matcher(rel).matches()) {
            n++;
            break;
          }
        }
      }
      long t1 = System.nanoTime();
      long c1 = os.getProcessCpuTime();
      System.out.printf(
          "naive regex: %,d paths in %d ms wall = %,.0f paths/s; %,.0f paths/CPU-s (%d matched)%n",
          NAIVE_PATHS,
          (t1 - t0) / 1_000_000,
          NAIVE_PATHS / ((t1 - t0) / 1e9),
          NAIVE_PATHS / ((c1 - c0) / 1e9),
          n);
    }
  }
}
