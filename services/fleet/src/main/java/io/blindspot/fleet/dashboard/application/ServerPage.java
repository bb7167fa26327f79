package io.blindspot.fleet.dashboard.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows about one server.
 *
 * @param coverage null before the first coverage evaluation
 */
public record ServerPage(
    Facts facts,
    Coverage coverage,
    List<Job> jobs,
    List<PolicyResult> policies,
    List<Finding> findings) {

  /** What the server is, and its current readiness (null before the first evaluation). */
  public record Facts(
      String hostname,
      String os,
      String kernel,
      Map<String, String> labels,
      Instant lastSeen,
      String readiness,
      Integer score,
      Instant evaluatedAt) {}

  /**
   * The current coverage report, shaped for reading.
   *
   * @param tree every asset under its ancestors, in path order
   * @param gaps the assets that would not come back as they are, worst first
   * @param drift how far the backup's copy of the package database lags; null when none
   */
  public record Coverage(
      List<String> reasons,
      List<TreeRow> tree,
      List<AssetDetail> gaps,
      long keptAssets,
      String drift,
      List<String> worldCheck,
      List<String> jobErrors) {}

  /**
   * A line of the asset tree.
   *
   * @param name the path component(s) this line adds to its parent's
   * @param status the asset's status, or for a directory that is no asset the worst below it
   * @param asset true when the line is an asset (else a directory grouping assets)
   * @param anchor the id of the asset's section when it has one on the page (a gap), else null
   */
  public record TreeRow(
      int depth,
      String name,
      String path,
      String status,
      boolean asset,
      String kind,
      String severity,
      String anchor) {}

  /** An asset that is not kept, with the job verdicts, the rules and the fixes behind it. */
  public record AssetDetail(
      String anchor,
      String path,
      String kind,
      String severity,
      String status,
      String provenance,
      String note,
      List<Verdict> verdicts,
      List<Gap> gaps,
      List<Fix> fixes) {}

  /**
   * One job's verdict.
   *
   * @param rule where the deciding rule is, "file:line: text"; null when no rule decided
   * @param hiddenRule the rule that would still exclude the path past another filesystem
   */
  public record Verdict(
      String job,
      String tool,
      boolean included,
      String reason,
      String rule,
      String ancestor,
      String hiddenRule,
      Instant lastSuccess,
      String snapshot) {}

  /** A descendant that matters and is lost. */
  public record Gap(String path, String job, String reason, String rule, String ancestor) {}

  /** A remediation: edits in the job's own syntax, re-checked with the rule engine. */
  public record Fix(String job, String summary, boolean verified, List<Change> changes) {}

  public record Change(String file, String action, int line, String text) {}

  public record Job(
      String name,
      String tool,
      String schedule,
      String lastStatus,
      Instant lastSuccess,
      Instant lastFinished,
      String lastSnapshot,
      boolean stale) {}

  /** The server's result for one policy; status already counts an expired waiver as fail. */
  public record PolicyResult(
      String policy,
      String status,
      String severity,
      Instant waivedUntil,
      Instant evaluatedAt,
      String evidence) {}
}
