package io.blindspot.core.coverage;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs, facts and helpers shared by the coverage tests; every job is compiled by its real engine.
 */
final class CoverageFixtures {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final Instant FRESH = NOW.minus(Duration.ofHours(3));
  static final Duration MAX_AGE = Duration.ofHours(26);

  /** "/" on one disk, "/var" on another (the classic blind spot), /proc virtual. */
  static final TreeFacts VAR_APART =
      new TreeFacts(
          List.of(
              new Filesystem("/", "/dev/sda1"),
              new Filesystem("/var", "/dev/sda2"),
              new Filesystem("/proc", "proc")),
          Map.of(),
          Map.of());

  static final TreeFacts ONE_DISK =
      new TreeFacts(List.of(new Filesystem("/", "/dev/sda1")), Map.of(), Map.of());

  private CoverageFixtures() {}

  static BackupJob job(String name, String tool, Map<String, String> files, String... argv) {
    return new BackupJob(name, tool, List.of(argv), files, "0 3 * * *", null);
  }

  static BackupJob rsync(Map<String, String> files, String... args) {
    List<String> argv = new ArrayList<>(List.of("rsync"));
    argv.addAll(Arrays.asList(args));
    return new BackupJob("nightly", "rsync", argv, files, "0 3 * * *", null);
  }

  static String rsnapshotConf(String... lines) {
    return "config_version\t1.2\nsnapshot_root\t/backup/\ncmd_rsync\t/usr/bin/rsync\n"
        + "retain\tdaily\t7\n"
        + String.join("\n", lines)
        + "\n";
  }

  static BackupJob rsnapshot(String conf) {
    return job("rsnapshot", "rsnapshot", Map.of("/etc/rsnapshot.conf", conf), "rsnapshot", "daily");
  }

  static BackupJob dirvish(String master, String vault) {
    return job(
        "web1",
        "dirvish",
        Map.of("/etc/dirvish/master.conf", master, "/backup/web1/dirvish/default.conf", vault),
        "dirvish",
        "--vault",
        "web1");
  }

  static JobUnderTest compiled(BackupJob job, Instant lastSuccess) {
    return compiled(job, lastSuccess, null);
  }

  static JobUnderTest compiled(BackupJob job, Instant lastSuccess, SnapshotListing listing) {
    try {
      return new JobUnderTest(
          job, BackupRuleEngines.compile(job), null, lastSuccess, "snap-1", listing);
    } catch (JobConfigException e) {
      throw new AssertionError("the fixture job must compile: " + e.getMessage(), e);
    }
  }

  static CoverageReport evaluate(World world, TreeFacts facts, JobUnderTest... jobs) {
    return new CoverageEvaluator(MAX_AGE).evaluate(world, List.of(jobs), facts, NOW);
  }

  static World world(Asset... assets) {
    return new World(List.of(assets));
  }

  static AssetCoverage asset(CoverageReport report, String path) {
    return report.assets().stream()
        .filter(a -> a.asset().path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no asset " + path));
  }

  /** The verdict of the edited job, computed independently of the planner: the fix really works. */
  static Verdict verdictAfter(BackupJob job, Remediation fix, String path, TreeFacts facts)
      throws JobConfigException {
    BackupJob edited = apply(job, fix);
    BackupRules rules = BackupRuleEngines.compile(edited);
    List<String> paths =
        path.endsWith("/") ? List.of(path, path + CoverageEvaluator.CONTENT_PROBE) : List.of(path);
    List<Verdict> verdicts = rules.evaluate(paths, facts);
    return verdicts.stream().filter(v -> !v.included()).findFirst().orElse(verdicts.get(0));
  }

  /**
   * Applies the changes of a remediation, in order, the way an operator would. A create-file change
   * (a new dirvish vault) yields the new vault's job.
   */
  static BackupJob apply(BackupJob job, Remediation fix) {
    List<String> argv = new ArrayList<>(job.command());
    Map<String, String> files = new LinkedHashMap<>(job.files());
    String name = job.name();
    List<Remediation.Change> changes = fix.changes();
    for (int i = 0; i < changes.size(); i++) {
      Remediation.Change change = changes.get(i);
      switch (change.action()) {
        case "remove-argument" -> {
          // consecutive removals name indices of the same argv: remove from the highest
          int end = i;
          while (end + 1 < changes.size()
              && changes.get(end + 1).action().equals("remove-argument")) {
            end++;
          }
          for (int k = end; k >= i; k--) {
            int at = changes.get(k).line();
            if (!argv.get(at).equals(changes.get(k).text())) {
              throw new AssertionError("argument " + at + " is not " + changes.get(k).text());
            }
            argv.remove(at);
          }
          i = end;
        }
        case "add-argument" -> argv.add(change.line(), change.text());
        case "remove-line" -> {
          List<String> lines = new ArrayList<>(files.get(change.file()).lines().toList());
          if (!lines.get(change.line() - 1).strip().equals(change.text())) {
            throw new AssertionError("line " + change.line() + " is not " + change.text());
          }
          lines.remove(change.line() - 1);
          files.put(change.file(), String.join("\n", lines) + "\n");
        }
        case "insert-before" -> {
          List<String> lines = new ArrayList<>(files.get(change.file()).lines().toList());
          lines.addAll(change.line() - 1, change.text().lines().toList());
          files.put(change.file(), String.join("\n", lines) + "\n");
        }
        case "create-file" -> {
          files.put(change.file(), change.text());
          String[] parts = change.file().split("/");
          name = parts[parts.length - 3]; // <bank>/<vault>/dirvish/default.conf
          argv = new ArrayList<>(List.of("dirvish", "--vault", name));
        }
        default -> throw new AssertionError("unknown action " + change.action());
      }
    }
    return new BackupJob(name, job.tool(), argv, files, job.schedule(), job.lastRun());
  }

  static RuleRef rule(String file, int line, String text) {
    return new RuleRef(file, line, text);
  }
}
