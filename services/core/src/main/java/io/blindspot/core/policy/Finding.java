package io.blindspot.core.policy;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.coverage.Remediation;
import java.time.Instant;
import java.util.List;

/**
 * One failing requirement on one asset path (path "" when the requirement is not about a path).
 *
 * @param status fail or waived
 * @param waiverId the waiver that excuses it, when waived
 * @param waivedUntil that waiver's expiry
 * @param message what fails and why, in a sentence
 */
public record Finding(
    String requirement,
    String path,
    String assetKind,
    String assetStatus,
    String job,
    String message,
    Evidence evidence,
    String status,
    Long waiverId,
    Instant waivedUntil) {

  public static final String FAIL = "fail";
  public static final String WAIVED = "waived";

  /**
   * What lies behind a finding.
   *
   * @param jobs each job's verdict on the asset (from the coverage document)
   * @param probe each job's verdict on a path that is no asset (from the rule engines)
   * @param rule the rule that hides the path, when one does
   * @param gaps descendants that matter and are lost
   * @param remediation fixes, each confirmed by the rule engine
   * @param reasons the coverage's readiness reasons, for readiness requirements
   */
  public record Evidence(
      List<JobVerdict> jobs,
      List<PathProbe.ProbeVerdict> probe,
      RuleRef rule,
      List<Gap> gaps,
      List<Remediation> remediation,
      List<String> reasons) {

    public static final Evidence NONE = new Evidence(null, null, null, null, null, null);
  }

  Finding waived(long waiverId, Instant until) {
    return new Finding(
        requirement, path, assetKind, assetStatus, job, message, evidence, WAIVED, waiverId, until);
  }
}
