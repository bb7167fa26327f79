package io.blindspot.fleet.compliance.application;

/**
 * One count of the fleet summary.
 *
 * @param section what is counted: readiness (servers), policy (results) or severity (failing
 *     findings)
 * @param group the value of the groupBy label ("(none)" for servers without it); null ungrouped
 * @param key the readiness, policy name or severity
 * @param status the effective status of a policy count; null otherwise
 */
public record SummaryCount(Section section, String group, String key, String status, long count) {

  /** What a count counts. */
  public enum Section {
    READINESS,
    POLICY,
    SEVERITY
  }
}
