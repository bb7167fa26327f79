package io.blindspot.core.policy;

import io.blindspot.core.world.Severity;
import java.time.Instant;
import java.util.List;

/**
 * One server's result for one policy.
 *
 * @param outcomes every requirement's outcome, passing or not (empty when not applicable)
 * @param findings one per failing requirement and path
 * @param waiverId the waiver that turned a failure into "waived"
 * @param waivedUntil its expiry: from then on the result counts as a failure
 */
public record PolicyResult(
    String policy,
    Severity severity,
    PolicyStatus status,
    List<RequirementOutcome> outcomes,
    List<Finding> findings,
    Long waiverId,
    Instant waivedUntil) {

  public PolicyResult {
    outcomes = List.copyOf(outcomes);
    findings = List.copyOf(findings);
  }

  /** Whether one requirement held, in a sentence either way. */
  public record RequirementOutcome(
      String requirement, String type, boolean passed, String summary) {}
}
