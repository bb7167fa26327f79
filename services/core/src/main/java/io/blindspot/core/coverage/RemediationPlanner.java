package io.blindspot.core.coverage;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.coverage.Remediation.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the smallest edit of a job, in the tool's own syntax, after which the job keeps a path —
 * and offers it only when the rule engine, run on the edited job, agrees.
 *
 * <p>A path can be blocked several times over (the founding story: {@code /var} is another
 * filesystem and {@code /var/db} is excluded), so edits are applied one blocker at a time and the
 * verdict is taken again after each, up to {@value #MAX_STEPS} edits. A directory is kept only when
 * what is in it is kept too (see {@link CoverageEvaluator#CONTENT_PROBE}).
 *
 * <p>Edited jobs are compiled once per planner: many assets behind one rule share its fix, so a
 * planner should live as long as one report (it is thread-safe, but its cache only grows).
 */
public final class RemediationPlanner {

  private static final int MAX_STEPS = 4;
  private static final Set<String> RSYNC_FAMILY = Set.of("rsync", "dirvish", "rsnapshot");

  /** Compiled edited jobs, by content; empty when the edited job does not compile. */
  private final Map<BackupJob, Optional<BackupRules>> compiled = new ConcurrentHashMap<>();

  /** A path a job does not keep, with the job's verdict on it. */
  public record Request(BackupJob job, String path, Verdict verdict) {}

  /** Plans a fix for one path, or nothing when no verified fix was found. */
  public Optional<Remediation> plan(BackupJob job, String path, Verdict verdict, TreeFacts facts) {
    return planAll(List.of(new Request(job, path, verdict)), facts).get(0);
  }

  /**
   * Plans fixes for many paths at once, in request order. Requests whose edits yield the same job
   * (every asset behind one exclude line, every path on one other filesystem) are checked with one
   * compilation and one evaluation of all their paths.
   */
  public List<Optional<Remediation>> planAll(List<Request> requests, TreeFacts facts) {
    List<Attempt> attempts = new ArrayList<>(requests.size());
    for (Request request : requests) {
      attempts.add(new Attempt(request));
    }
    List<Attempt> active = new ArrayList<>();
    for (Attempt attempt : attempts) {
      if (!attempt.now.included()) {
        active.add(attempt);
      }
    }
    for (int step = 0; step < MAX_STEPS && !active.isEmpty(); step++) {
      Map<BackupJob, List<Attempt>> byEditedJob = new LinkedHashMap<>();
      for (Attempt attempt : active) {
        Optional<Edit> edit = nextEdit(attempt.current, attempt.request.path(), attempt.now, facts);
        if (edit.isEmpty()) {
          attempt.failed = true;
          continue;
        }
        attempt.changes.addAll(edit.get().changes());
        attempt.steps.add(edit.get().summary());
        byEditedJob.computeIfAbsent(edit.get().job(), k -> new ArrayList<>()).add(attempt);
      }
      List<Attempt> next = new ArrayList<>();
      for (Map.Entry<BackupJob, List<Attempt>> group : byEditedJob.entrySet()) {
        BackupJob edited = group.getKey();
        Optional<BackupRules> rules = compiled.computeIfAbsent(edited, RemediationPlanner::compile);
        if (rules.isEmpty()) {
          group.getValue().forEach(a -> a.failed = true);
          continue;
        }
        List<String> paths = new ArrayList<>();
        for (Attempt attempt : group.getValue()) {
          paths.add(attempt.request.path());
          if (attempt.request.path().endsWith("/")) {
            paths.add(attempt.request.path() + CoverageEvaluator.CONTENT_PROBE);
          }
        }
        List<Verdict> verdicts = rules.get().evaluate(paths, facts);
        int i = 0;
        for (Attempt attempt : group.getValue()) {
          Verdict verdict = verdicts.get(i++);
          if (attempt.request.path().endsWith("/")) {
            Verdict contents = verdicts.get(i++);
            verdict = verdict.included() ? contents : verdict;
          }
          attempt.current = edited;
          attempt.now = verdict;
          if (!verdict.included()) {
            next.add(attempt);
          }
        }
      }
      active = next;
    }
    List<Optional<Remediation>> plans = new ArrayList<>(attempts.size());
    for (Attempt attempt : attempts) {
      if (attempt.failed || !attempt.now.included() || attempt.changes.isEmpty()) {
        plans.add(Optional.empty());
      } else {
        plans.add(
            Optional.of(
                new Remediation(
                    attempt.request.job().name(),
                    String.join("; then ", attempt.steps),
                    List.copyOf(attempt.changes),
                    true)));
      }
    }
    return plans;
  }

  /** One request on its way: the job as edited so far, and its verdict. */
  private static final class Attempt {
    final Request request;
    BackupJob current;
    Verdict now;
    boolean failed;
    final List<Change> changes = new ArrayList<>();
    final List<String> steps = new ArrayList<>();

    Attempt(Request request) {
      this.request = request;
      this.current = request.job();
      this.now = request.verdict();
    }
  }

  private static Optional<BackupRules> compile(BackupJob job) {
    try {
      return Optional.of(BackupRuleEngines.compile(job));
    } catch (JobConfigException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<Edit> nextEdit(BackupJob job, String path, Verdict verdict, TreeFacts facts) {
    Reason reason = verdict.reason();
    if ((reason == Reason.EXCLUDED_BY_RULE
            || reason == Reason.PARENT_EXCLUDED
            || reason == Reason.EXCLUDED_BY_MARKER)
        && verdict.rule() != null) {
      return ruleEdit(job, path, verdict);
    }
    if (reason == Reason.OTHER_FILESYSTEM) {
      // the filesystem the path is on becomes a source of its own; engines name the boundary
      // they met first, which for a mount below another mount is not the path's own
      String mount = mountPointOf(path, facts);
      String source = mount != null ? mount : verdict.ancestor();
      return source == null ? Optional.empty() : addSource(job, source);
    }
    if (reason == Reason.OUTSIDE_SOURCES) {
      return addSource(job, path);
    }
    return Optional.empty();
  }

  /** The mount point of the filesystem a path is on (the longest that contains it), not "/". */
  static String mountPointOf(String path, TreeFacts facts) {
    String best = null;
    for (Filesystem fs : facts.filesystems()) {
      String mount = trimSlash(fs.mountPoint());
      if (mount.equals("/") || mount.isEmpty()) {
        continue;
      }
      if ((path.startsWith(mount + "/") || path.equals(mount))
          && (best == null || mount.length() > best.length())) {
        best = mount;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------
  // A rule hides the path: include it before the rule, or drop the rule.

  private Optional<Edit> ruleEdit(BackupJob job, String path, Verdict verdict) {
    RuleRef rule = verdict.rule();
    String content = job.files().get(rule.file());
    if (content != null && rule.line() > 0) {
      List<String> lines = new ArrayList<>(content.lines().toList());
      if (rule.line() > lines.size()) {
        return Optional.empty();
      }
      String original = lines.get(rule.line() - 1);
      // First-match-wins: includes placed just before the rule keep the rest of what it excludes.
      Optional<List<String>> includes =
          RSYNC_FAMILY.contains(job.tool()) && verdict.reason() == Reason.PARENT_EXCLUDED
              ? includesFor(job.tool(), rule.text(), verdict.ancestor(), path)
              : Optional.empty();
      if (includes.isPresent()) {
        String indent = original.substring(0, original.length() - original.stripLeading().length());
        List<String> inserted = includes.get().stream().map(l -> indent + l).toList();
        lines.addAll(rule.line() - 1, inserted);
        return Optional.of(
            new Edit(
                withFile(job, rule.file(), lines),
                List.of(
                    new Change(
                        rule.file(), "insert-before", rule.line(), String.join("\n", inserted))),
                "in "
                    + rule.file()
                    + ", before line "
                    + rule.line()
                    + " (`"
                    + rule.text()
                    + "`), add "
                    + String.join(", ", includes.get().stream().map(l -> "`" + l + "`").toList())));
      }
      lines.remove(rule.line() - 1);
      return Optional.of(
          new Edit(
              withFile(job, rule.file(), lines),
              List.of(new Change(rule.file(), "remove-line", rule.line(), original.strip())),
              "remove line "
                  + rule.line()
                  + " of "
                  + rule.file()
                  + ": `"
                  + original.strip()
                  + "`"));
    }
    if (RuleRef.COMMAND_LINE.equals(rule.file())
        && rule.line() > 0
        && rule.line() < job.command().size()) {
      return removeArgument(job, rule.line(), rule.text());
    }
    return Optional.empty();
  }

  /**
   * The rules, in the syntax of the file the excluding rule is in, that let a path through an
   * excluded ancestor: rsync filter rules, or rsnapshot.conf {@code include}/{@code exclude} lines
   * (which rsnapshot passes to rsync as {@code --include=}/{@code --exclude=}, in order).
   */
  static Optional<List<String>> includesFor(
      String tool, String ruleText, String ancestor, String path) {
    String text = ruleText.strip();
    if (tool.equals("rsnapshot") && text.matches("exclude\\s+\\S.*")) {
      String pattern = text.substring("exclude".length()).strip();
      return rsyncIncludes("- " + pattern, ancestor, path)
          .map(
              rules ->
                  rules.stream()
                      .map(r -> (r.startsWith("+ ") ? "include\t" : "exclude\t") + r.substring(2))
                      .toList());
    }
    if (tool.equals("rsnapshot") && !text.startsWith("- ") && !text.startsWith("+ ")) {
      return Optional.empty(); // a backup point's own option: not a line of its own
    }
    return rsyncIncludes(ruleText, ancestor, path);
  }

  /**
   * The rsync rules that let a path through an excluded ancestor: include each directory from the
   * ancestor down, then everything below the path, then exclude the ancestor's other contents. The
   * anchor is recovered from the excluding rule itself, so the new rules are rooted where it is.
   */
  static Optional<List<String>> rsyncIncludes(String ruleText, String ancestor, String path) {
    if (ancestor == null) {
      return Optional.empty();
    }
    String pattern = ruleText.strip();
    if (pattern.startsWith("- ") || pattern.startsWith("-/")) {
      pattern = pattern.substring(2).strip();
    } else if (pattern.startsWith("--exclude=")) {
      pattern = pattern.substring("--exclude=".length());
    }
    String bare = trimSlash(pattern);
    String dir = trimSlash(ancestor);
    if (!pattern.startsWith("/") || !dir.endsWith(bare) || containsWildcard(bare)) {
      return Optional.empty();
    }
    String root = dir.substring(0, dir.length() - bare.length());
    String target = trimSlash(path);
    if (!target.startsWith(dir + "/")) {
      return Optional.empty();
    }
    List<String> rules = new ArrayList<>();
    String[] below = target.substring(dir.length() + 1).split("/");
    String current = dir;
    rules.add("+ " + current.substring(root.length()) + "/");
    for (int i = 0; i < below.length - 1; i++) {
      current = current + "/" + below[i];
      rules.add("+ " + current.substring(root.length()) + "/");
    }
    rules.add("+ " + target.substring(root.length()) + (path.endsWith("/") ? "/***" : ""));
    // keep excluding the rest: the original rule no longer matches the now-included directories
    String parent = dir;
    for (int i = 0; i < below.length - 1; i++) {
      rules.add("- " + parent.substring(root.length()) + "/*");
      parent = parent + "/" + below[i];
    }
    rules.add("- " + parent.substring(root.length()) + "/*");
    return Optional.of(rules);
  }

  private static boolean containsWildcard(String pattern) {
    return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  private static Optional<Edit> removeArgument(BackupJob job, int index, String text) {
    List<String> argv = new ArrayList<>(job.command());
    int from = index;
    int to = index + 1; // exclusive
    String at = argv.get(index);
    // "--exclude PATTERN" is two arguments: engines name the option (the rule's text holds both),
    // or the pattern; either way both go, or the pattern would be left behind as a source. The
    // argument must be the rule the engine quotes ("--exclude=X" and "--exclude X" alike).
    String want = normalArgument(text);
    if (at.startsWith("-")
        && !at.contains("=")
        && index + 1 < argv.size()
        && want.equals(normalArgument(at + " " + argv.get(index + 1)))) {
      to = index + 2;
    } else if (!at.startsWith("-")
        && index > 1
        && argv.get(index - 1).startsWith("-")
        && !argv.get(index - 1).contains("=")
        && want.equals(normalArgument(argv.get(index - 1) + " " + at))) {
      from = index - 1;
    } else if (!want.equals(normalArgument(at))) {
      return Optional.empty(); // the rule is not where the engine says: do not guess
    }
    List<String> removed = new ArrayList<>(argv.subList(from, to));
    List<Change> changes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      changes.add(new Change(RuleRef.COMMAND_LINE, "remove-argument", i, argv.get(i)));
    }
    argv.subList(from, to).clear();
    String summary = "remove `" + String.join(" ", removed) + "` from the command line";
    return Optional.of(new Edit(withCommand(job, argv), changes, summary));
  }

  private static String normalArgument(String argument) {
    return argument == null ? "" : argument.strip().replaceFirst("=", " ");
  }

  // ---------------------------------------------------------------------------------------------
  // The path is on another filesystem or outside the sources: back it up as a source of its own.

  private Optional<Edit> addSource(BackupJob job, String directory) {
    String source = trimSlash(directory);
    return switch (job.tool()) {
      case "dirvish" -> DirvishVault.addVaultFor(job, source);
      case "rsnapshot" -> rsnapshotBackupLine(job, source);
      case "rsync" -> insertBeforeLast(job, source);
      case "restic", "borg", "tar" -> append(job, source);
      default -> Optional.empty();
    };
  }

  private static Optional<Edit> insertBeforeLast(BackupJob job, String source) {
    List<String> argv = new ArrayList<>(job.command());
    if (argv.size() < 3) {
      return Optional.empty();
    }
    int at = argv.size() - 1; // before the destination
    argv.add(at, source);
    return Optional.of(
        new Edit(
            withCommand(job, argv),
            List.of(new Change(RuleRef.COMMAND_LINE, "add-argument", at, source)),
            "add `" + source + "` as a source before the destination"));
  }

  private static Optional<Edit> append(BackupJob job, String source) {
    List<String> argv = new ArrayList<>(job.command());
    argv.add(source);
    return Optional.of(
        new Edit(
            withCommand(job, argv),
            List.of(new Change(RuleRef.COMMAND_LINE, "add-argument", argv.size() - 1, source)),
            "add `" + source + "` to the paths backed up"));
  }

  private static Optional<Edit> rsnapshotBackupLine(BackupJob job, String source) {
    String config = rsnapshotConfig(job);
    String content = config == null ? null : job.files().get(config);
    if (content == null) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>(content.lines().toList());
    int last = -1;
    String destination = "localhost/";
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split("\t+");
      if (fields.length >= 3 && fields[0].equals("backup")) {
        last = i;
        destination = fields[2];
      }
    }
    if (last < 0) {
      return Optional.empty();
    }
    String line = "backup\t" + source + "/\t" + destination;
    lines.add(last + 1, line);
    return Optional.of(
        new Edit(
            withFile(job, config, lines),
            List.of(new Change(config, "insert-before", last + 2, line)),
            "in " + config + ", add the line `" + line.replace("\t", "<TAB>") + "`"));
  }

  static String rsnapshotConfig(BackupJob job) {
    List<String> argv = job.command();
    for (int i = 0; i + 1 < argv.size(); i++) {
      if (argv.get(i).equals("-c")) {
        return argv.get(i + 1);
      }
    }
    return job.files().containsKey("/etc/rsnapshot.conf") ? "/etc/rsnapshot.conf" : null;
  }

  // ---------------------------------------------------------------------------------------------

  static BackupJob withFile(BackupJob job, String file, List<String> lines) {
    Map<String, String> files = new LinkedHashMap<>(job.files());
    files.put(file, String.join("\n", lines) + "\n");
    return new BackupJob(
        job.name(), job.tool(), job.command(), files, job.schedule(), job.lastRun());
  }

  static BackupJob withCommand(BackupJob job, List<String> argv) {
    return new BackupJob(job.name(), job.tool(), argv, job.files(), job.schedule(), job.lastRun());
  }

  /** An edited job and what was changed to get it. */
  record Edit(BackupJob job, List<Change> changes, String summary) {}
}
