package io.blindspot.core.coverage;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.world.Asset;
import java.time.Instant;
import java.util.List;

/**
 * The coverage of one asset across the server's jobs.
 *
 * @param asset the asset
 * @param status the verdict
 * @param jobs each job's verdict on the asset's path
 * @param gaps for partial: the descendants that matter and no job keeps
 * @param remediation fixes, each re-checked with the rule engine
 */
public record AssetCoverage(
    Asset asset,
    CoverageStatus status,
    List<JobVerdict> jobs,
    List<Gap> gaps,
    List<Remediation> remediation) {

  /**
   * One job's verdict on the asset.
   *
   * @param hiddenRule when the path is on another filesystem: the rule that would still exclude it
   *     if the job crossed into that filesystem (fixing one-file-system alone would not help)
   */
  public record JobVerdict(
      String job,
      String tool,
      boolean included,
      String reason,
      RuleRef rule,
      String ancestor,
      RuleRef hiddenRule,
      Instant lastSuccess,
      String snapshot) {}

  /** A descendant that matters and is lost, with the job and rule that lose it. */
  public record Gap(String path, String job, String reason, RuleRef rule, String ancestor) {}
}
