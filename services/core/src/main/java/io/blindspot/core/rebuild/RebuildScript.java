package io.blindspot.core.rebuild;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Renders a {@link RebuildPlan} as a POSIX shell script an operator reads, then runs. */
public final class RebuildScript {

  /**
   * The here-document delimiter, unless the content has a line like it (then a suffix is added).
   */
  static final String END = "BLINDSPOT_EOF";

  private RebuildScript() {}

  public static String render(RebuildPlan plan) {
    StringBuilder sh = new StringBuilder(4096 + plan.packages().size() * 48);
    sh.append("#!/bin/sh\n");
    sh.append("# Rebuild plan for ").append(oneLine(plan.hostname()));
    if (plan.manager() != null) {
      sh.append(" (").append(plan.manager()).append(", ").append(plan.packages().size());
      sh.append(" packages)");
    }
    sh.append(", made by Blindspot from its own copy of the package list.\n");
    sh.append("# Read it before running it: step 1 repartitions a disk.\n");
    sh.append("set -eu\n");
    for (String warning : plan.warnings()) {
      sh.append("# WARNING: ").append(oneLine(warning)).append('\n');
    }
    sh.append('\n');
    if (plan.partitionTable() != null && !plan.partitionTable().isBlank()) {
      heredoc(sh, "partition-table.sfdisk", plan.partitionTable());
    }
    if (plan.fstab() != null && !plan.fstab().isBlank()) {
      heredoc(sh, "fstab", plan.fstab());
    }
    if (!plan.world().isEmpty()) {
      heredoc(sh, "world", String.join("\n", plan.world()) + "\n");
    }
    int n = 1;
    for (RebuildPlan.Step step : plan.steps()) {
      sh.append("# ").append(n++).append(". ").append(oneLine(step.title())).append('\n');
      for (String command : step.commands()) {
        boolean destructive = command.startsWith("sfdisk");
        sh.append(destructive ? "# " : "").append(oneLine(command)).append('\n');
      }
      sh.append('\n');
    }
    sh.append("# ").append(n).append(". Restore from backup\n");
    for (RebuildPlan.Restore restore : plan.restore()) {
      sh.append("#   ").append(oneLine(restore.path())).append(" (").append(restore.kind());
      sh.append("): ");
      List<RebuildPlan.Source> sources = restore.sources();
      if (sources.isEmpty()) {
        sh.append("IN NO BACKUP");
      } else {
        for (int i = 0; i < sources.size(); i++) {
          RebuildPlan.Source source = sources.get(i);
          sh.append(i == 0 ? "" : ", ").append(source.tool()).append(" job ");
          sh.append(oneLine(source.job()));
          if (source.snapshot() != null) {
            sh.append(" snapshot ").append(oneLine(source.snapshot()));
          }
        }
      }
      sh.append('\n');
    }
    return sh.toString();
  }

  private static void heredoc(StringBuilder sh, String file, String content) {
    String end = delimiter(content);
    sh.append("cat > ").append(file).append(" <<'").append(end).append("'\n");
    sh.append(content);
    if (!content.endsWith("\n")) {
      sh.append('\n');
    }
    sh.append(end).append("\n\n");
  }

  /** {@value #END}, or {@value #END}_2, _3...: the first that no line of the content equals. */
  static String delimiter(String content) {
    Set<String> lines = new HashSet<>(content.lines().toList());
    String end = END;
    for (int i = 2; lines.contains(end) || lines.contains(end + "\r"); i++) {
      end = END + "_" + i;
    }
    return end;
  }

  /** Text that ends up in a comment (or a command built from package data) stays on its line. */
  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }
}
