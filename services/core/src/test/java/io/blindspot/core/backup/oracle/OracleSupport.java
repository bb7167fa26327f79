package io.blindspot.core.backup.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import io.blindspot.core.backup.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running the real backup tools for differential tests. */
public final class OracleSupport {

  private OracleSupport() {}

  /** The tool's absolute path; fails the test (never skips) when it is not installed. */
  public static String requireTool(String name, String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    fail(
        name
            + " is not installed: the differential tests need the real tool as oracle"
            + " (CI installs it in .ci/run; locally: apt-get install "
            + name
            + ")");
    return null;
  }

  /** The result of a process. */
  public record Result(int exit, String out) {}

  /** Runs a command, with HOME set to {@code home} when not null; output merged. */
  public static Result run(List<String> argv, Path home, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      if (home != null) {
        pb.environment().put("HOME", home.toString());
      }
      pb.environment().remove("CVSIGNORE");
      if (env != null) {
        pb.environment().putAll(env);
      }
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timeout: " + argv);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether `mount -t tmpfs` works here (root in a sandbox that allows it). */
  public static boolean tryMountTmpfs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return false;
    }
    Result r =
        run(List.of("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString()), null, null);
    return r.exit() == 0;
  }

  public static void umount(Path dir) {
    run(List.of("umount", "-l", dir.toString()), null, null);
  }

  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }

  /**
   * Compares what the engine includes with what the tool stored, failing with a readable diff.
   *
   * @param caseName the rule set's name, shown first
   * @param describe the command and rules, shown on failure
   */
  public static void assertSameSet(
      String caseName, String describe, List<Verdict> verdicts, Set<String> stored) {
    Set<String> engine = new TreeSet<>();
    for (Verdict v : verdicts) {
      if (v.included()) {
        engine.add(v.path());
      }
    }
    Set<String> missing = new TreeSet<>(stored);
    missing.removeAll(engine);
    Set<String> extra = new TreeSet<>(engine);
    extra.removeAll(stored);
    if (missing.isEmpty() && extra.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("engine and tool disagree for ").append(caseName).append('\n');
    sb.append(describe).append('\n');
    sb.append("stored by the tool but engine says excluded (")
        .append(missing.size())
        .append("):\n");
    int n = 0;
    for (String m : missing) {
      if (n++ == 25) {
        sb.append("  ...\n");
        break;
      }
      Verdict v = verdicts.stream().filter(x -> x.path().equals(m)).findFirst().orElse(null);
      sb.append("  ").append(m).append("   engine: ").append(v).append('\n');
    }
    sb.append("engine says included but the tool did not store it (")
        .append(extra.size())
        .append("):\n");
    n = 0;
    for (String m : extra) {
      if (n++ == 25) {
        sb.append("  ...\n");
        break;
      }
      sb.append("  ").append(m).append('\n');
    }
    fail(sb.toString());
  }

  /** Lists every entry under {@code dir} as absolute paths, directories with a trailing '/'. */
  public static List<String> walkAbsolute(Path dir) {
    List<String> out = new ArrayList<>();
    for (String rel : RootTreeGenerator.walk(dir)) {
      out.add(rel.equals("/") ? dir + "/" : dir + rel);
    }
    return out;
  }
}
