package io.blindspot.core.backup.glob;

import static org.assertj.core.api.Assertions.fail;

import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real backup tools and compares what they stored with an engine's verdicts. */
public final class DiffSupport {

  private DiffSupport() {}

  /** The output of a finished process. */
  public record Result(int exit, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Fails (never skips) when a tool is not installed: CI installs restic, borgbackup and tar. */
  public static void requireTool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return;
      }
    }
    fail(
        "'"
            + name
            + "' is not installed: the differential tests need the real tool (apt-get install -y"
            + " restic borgbackup tar; .ci/run installs them)");
  }

  public static Result run(List<String> cmd, Map<String, String> env, Path cwd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("LC_ALL", "C.UTF-8");
      pb.environment().putAll(env);
      if (cwd != null) {
        pb.directory(cwd.toFile());
      }
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      byte[] out = readAll(p.getInputStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + cmd);
      }
      return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A scratch directory for tool repositories: on /dev/shm when there is one (restic and borg fsync
   * every write, which costs seconds per run on a busy disk), else under {@code fallback}. The
   * caller deletes it.
   */
  public static Path scratch(Path fallback, String prefix) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return Files.createTempDirectory(shm, prefix);
    }
    return Files.createTempDirectory(fallback, prefix);
  }

  /** Deletes a directory tree, best effort. */
  public static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /** The bare paths the engine says are stored, among the tree's paths. */
  public static Set<String> included(BackupRules rules, List<String> paths, TreeFacts facts) {
    Set<String> out = new TreeSet<>();
    for (Verdict v : rules.evaluate(paths, facts)) {
      if (v.included()) {
        out.add(PathNames.bare(v.path()));
      }
    }
    return out;
  }

  /** Empty when equal, else a readable diff. */
  public static String diff(Set<String> real, Set<String> engine) {
    List<String> lines = new ArrayList<>();
    for (String p : real) {
      if (!engine.contains(p)) {
        lines.add("  stored by the tool, engine says NOT: " + p);
      }
    }
    for (String p : engine) {
      if (!real.contains(p)) {
        lines.add("  engine says stored, tool did NOT:   " + p);
      }
    }
    return String.join("\n", lines);
  }

  /** Why the engine decided as it did, for the paths in a diff. */
  public static String explainDiff(
      BackupRules rules,
      Set<String> real,
      Set<String> engine,
      List<String> paths,
      TreeFacts facts) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Verdict v : rules.evaluate(paths, facts)) {
      String b = PathNames.bare(v.path());
      if (real.contains(b) != engine.contains(b) && n++ < 8) {
        sb.append("  ").append(v).append('\n');
      }
    }
    return sb.toString();
  }
}
