package io.blindspot.core.coverage;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
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

/**
 * Finds the smallest edit of a job, in the tool's own syntax, after which the job keeps a path —
 * and offers it only when the rule engine, run on the edited job, agrees.
 *
 * <p>A path can be blocked several times over (the founding story: {@code /var} is another
 * filesystem and {@code /var/db} is excluded), so edits are applied one blocker at a time and the
 * verdict is taken again after each, up to {@value #MAX_STEPS} edits.
 */
public final class RemediationPlanner {

  private static final int MAX_STEPS = 4;
  private static final Set<String> RSYNC_FAMILY = Set.of("rsync", "dirvish", "rsnapshot");

  /** Plans a fix for one path, or nothing when no verified fix was found. */
  public Optional<Remediation> plan(BackupJob job, String path, Verdict verdict, TreeFacts facts) {
    BackupJob current = job;
    Verdict now = verdict;
    List<Change> changes = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    for (int step = 0; step < MAX_STEPS && !now.included(); step++) {
      Optional<Edit> edit = nextEdit(current, path, now);
      if (edit.isEmpty()) {
        return Optional.empty();
      }
      current = edit.get().job();
      changes.addAll(edit.get().changes());
      steps.add(edit.get().summary());
      Optional<Verdict> checked = evaluate(current, path, facts);
      if (checked.isEmpty()) {
        return Optional.empty();
      }
      now = checked.get();
    }
    if (!now.included()) {
      return Optional.empty();
    }
    return Optional.of(new Remediation(job.name(), String.join("; then ", steps), changes, true));
  }

  private static Optional<Verdict> evaluate(BackupJob job, String path, TreeFacts facts) {
    try {
      BackupRules rules = BackupRuleEngines.compile(job);
      return Optional.of(rules.evaluate(List.of(path), facts).get(0));
    } catch (JobConfigException e) {
      return Optional.empty();
    }
  }

  private Optional<Edit> nextEdit(BackupJob job, String path, Verdict verdict) {
    Reason reason = verdict.reason();
    if ((reason == Reason.EXCLUDED_BY_RULE
            || reason == Reason.PARENT_EXCLUDED
            || reason == Reason.EXCLUDED_BY_MARKER)
        && verdict.rule() != null) {
      return ruleEdit(job, path, verdict);
    }
    if (reason == Reason.OTHER_FILESYSTEM && verdict.ancestor() != null) {
      return addSource(job, verdict.ancestor());
    }
    if (reason == Reason.OUTSIDE_SOURCES) {
      return addSource(job, path);
    }
    return Optional.empty();
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
              ? rsyncIncludes(rule.text(), verdict.ancestor(), path)
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
    String removed = argv.remove(index);
    String summary = "remove `" + removed + "` from the command line";
    List<Change> changes = new ArrayList<>();
    changes.add(new Change(RuleRef.COMMAND_LINE, "remove-argument", index, removed));
    // "--exclude PATTERN" is two arguments: drop the option too when it stands alone
    if (index > 0
        && argv.get(index - 1).startsWith("-")
        && !argv.get(index - 1).contains("=")
        && !removed.startsWith("-")) {
      String option = argv.remove(index - 1);
      changes.add(0, new Change(RuleRef.COMMAND_LINE, "remove-argument", index - 1, option));
      summary = "remove `" + option + " " + removed + "` from the command line";
    }
    return Optional.of(new Edit(withCommand(job, argv), changes, summary));
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
