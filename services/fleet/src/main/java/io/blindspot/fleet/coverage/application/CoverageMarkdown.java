package io.blindspot.fleet.coverage.application;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.Drift;
import io.blindspot.core.coverage.Remediation;
import io.blindspot.core.packages.PortageWorldCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coverage report for people: what would not come back, which rule hides it, how to fix it, and
 * how far the backup's package database lags. Rendered from the same document the JSON answer is.
 */
public final class CoverageMarkdown {

  /** The statuses the table lists: what a restore would not bring back whole. */
  static final Set<String> AT_RISK =
      Set.of("uncovered", "partial", "stale", "missing-from-snapshot");

  private CoverageMarkdown() {}

  public static String render(CoverageDocument report) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# Coverage of ")
        .append(inline(report.server()))
        .append(": ")
        .append(report.readiness())
        .append(" (score ")
        .append(report.score())
        .append("/100)\n\n");
    if (report.evaluatedAt() != null) {
      md.append("Evaluated ").append(report.evaluatedAt()).append(".\n\n");
    }

    if (!report.reasons().isEmpty()) {
      md.append("## Why\n\n");
      report.reasons().forEach(reason -> md.append("- ").append(inline(reason)).append('\n'));
      md.append('\n');
    }

    List<CoverageDocument.AssetEntry> atRisk =
        report.assets().stream().filter(a -> AT_RISK.contains(a.status())).toList();
    md.append("## What the backups miss\n\n");
    if (atRisk.isEmpty()) {
      md.append("Nothing: every asset shown is covered.\n\n");
    } else {
      md.append("| Asset | Kind | Severity | Status | Why | Rule |\n");
      md.append("| --- | --- | --- | --- | --- | --- |\n");
      for (CoverageDocument.AssetEntry asset : atRisk) {
        List<String> why = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        explain(asset, why, rules);
        md.append("| ")
            .append(code(asset.path()))
            .append(" | ")
            .append(cell(asset.kind()))
            .append(" | ")
            .append(cell(asset.severity()))
            .append(" | ")
            .append(cell(asset.status()))
            .append(" | ")
            .append(String.join("<br>", why))
            .append(" | ")
            .append(rules.isEmpty() ? "" : String.join("<br>", rules))
            .append(" |\n");
      }
      md.append('\n');
    }
    long kept =
        report.assets().stream()
            .filter(a -> a.status().equals("covered") || a.status().equals("verified"))
            .count();
    md.append(kept)
        .append(kept == 1 ? " asset is" : " assets are")
        .append(" covered (")
        .append(report.assets().size())
        .append(" shown).\n\n");

    // One fix often serves several assets (a new vault for /var): each is shown once, under all
    // the assets it brings back.
    Map<List<Remediation>, List<String>> fixes = new LinkedHashMap<>();
    for (CoverageDocument.AssetEntry asset : atRisk) {
      if (asset.remediation() != null && !asset.remediation().isEmpty()) {
        fixes.computeIfAbsent(asset.remediation(), k -> new ArrayList<>()).add(asset.path());
      }
    }
    if (!fixes.isEmpty()) {
      md.append("## Fixes\n\n");
      fixes.forEach(
          (remediation, paths) -> {
            md.append("### ")
                .append(String.join(", ", paths.stream().map(CoverageMarkdown::code).toList()))
                .append("\n\n");
            for (Remediation fix : remediation) {
              fix(md, fix);
            }
            md.append('\n');
          });
    }

    Drift drift = report.drift();
    if (drift != null || report.driftNote() != null) {
      md.append("## Drift of the backed-up package database\n\n");
      if (drift != null) {
        md.append(inline(drift.summary())).append(".\n");
        if (drift.diff() != null) {
          drift
              .diff()
              .added()
              .forEach(
                  p ->
                      md.append("- added ").append(code(p.key() + " " + p.version())).append('\n'));
          drift
              .diff()
              .removed()
              .forEach(
                  p ->
                      md.append("- removed ")
                          .append(code(p.key() + " " + p.version()))
                          .append('\n'));
          drift
              .diff()
              .changed()
              .forEach(
                  c ->
                      md.append("- upgraded ")
                          .append(code(c.key()))
                          .append(' ')
                          .append(code(c.from()))
                          .append(" → ")
                          .append(code(c.to()))
                          .append('\n'));
        }
      } else {
        md.append(inline(report.driftNote())).append(".\n");
      }
      md.append('\n');
    }

    List<PortageWorldCheck.AtomCheck> orphans =
        report.worldCheck().stream().filter(c -> c.installed().isEmpty()).toList();
    if (!orphans.isEmpty()) {
      md.append("## World atoms matching no installed package\n\n");
      orphans.forEach(c -> md.append("- ").append(code(c.atom())).append('\n'));
      md.append('\n');
    }

    if (!report.jobErrors().isEmpty()) {
      md.append("## Jobs that could not be evaluated\n\n");
      for (CoverageDocument.JobError error : report.jobErrors()) {
        md.append("- **")
            .append(inline(error.job()))
            .append("** (")
            .append(inline(error.tool()))
            .append("): ")
            .append(inline(error.error()))
            .append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void fix(StringBuilder md, Remediation fix) {
    md.append("- **")
        .append(inline(fix.job()))
        .append("**: ")
        .append(inline(fix.summary()))
        .append(
            fix.verified()
                ? " (checked with the rule engine)"
                : " (NOT confirmed by the rule engine)")
        .append('\n');
    for (Remediation.Change change : fix.changes()) {
      md.append("  - ").append(inline(change.action())).append(" in ").append(code(change.file()));
      if (change.line() > 0) {
        md.append(" at line ").append(change.line());
      }
      String text = change.text();
      if (text == null || text.isEmpty()) {
        md.append('\n');
      } else if (text.strip().contains("\n")) {
        // several lines (a file to create): a fenced block keeps them apart
        String fence = "```";
        while (text.contains(fence)) {
          fence += "`";
        }
        md.append(":\n\n    ").append(fence).append('\n');
        text.lines().forEach(line -> md.append("    ").append(line).append('\n'));
        md.append("    ").append(fence).append('\n');
      } else {
        md.append(": ").append(code(text)).append('\n');
      }
    }
  }

  /** Why the asset would not come back, per job, and the rules that decide it. */
  private static void explain(
      CoverageDocument.AssetEntry asset, List<String> why, List<String> rules) {
    if (asset.status().equals("partial") && asset.gaps() != null) {
      for (AssetCoverage.Gap gap : asset.gaps()) {
        why.add(cell(gap.job() + ": " + code(gap.path()) + " " + gap.reason()));
        addRule(rules, gap.rule(), "");
      }
      return;
    }
    if (asset.jobs() == null || asset.jobs().isEmpty()) {
      why.add("no backup job");
      return;
    }
    for (AssetCoverage.JobVerdict job : asset.jobs()) {
      StringBuilder line = new StringBuilder(job.job()).append(": ");
      if (job.included()) {
        line.append(
            asset.status().equals("missing-from-snapshot") ? "not in the snapshot" : "kept");
        line.append(
            job.lastSuccess() == null
                ? ", never succeeded"
                : ", last success " + job.lastSuccess());
      } else {
        line.append(job.reason());
        if (job.ancestor() != null) {
          line.append(" (").append(job.ancestor()).append(')');
        }
      }
      why.add(cell(line.toString()));
      if (!job.included()) {
        addRule(rules, job.rule(), "");
        // behind another filesystem: the rule that would still exclude it once the job crosses
        addRule(rules, job.hiddenRule(), " (would still exclude it on the other filesystem)");
      }
    }
  }

  private static void addRule(List<String> rules, RuleRef rule, String qualifier) {
    if (rule == null) {
      return;
    }
    String where = rule.line() > 0 ? rule.file() + ":" + rule.line() : rule.file();
    String text = cell(code(where) + " " + code(rule.text()) + qualifier);
    if (!rules.contains(text)) {
      rules.add(text);
    }
  }

  /** Inline code, fenced with more backticks than the text holds, on one line. */
  static String code(String text) {
    if (text == null) {
      return "";
    }
    String flat = flat(text);
    String fence = "`";
    while (flat.contains(fence)) {
      fence += "`";
    }
    boolean pad = flat.startsWith("`") || flat.endsWith("`");
    return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
  }

  /** Text inside a table cell: one line, and a pipe does not end the cell. */
  private static String cell(String text) {
    return text == null ? "" : flat(text).replace("|", "\\|");
  }

  private static String inline(String text) {
    return text == null ? "" : flat(text);
  }

  private static String flat(String text) {
    return text.replace("\r", " ").replace("\n", " ");
  }
}
