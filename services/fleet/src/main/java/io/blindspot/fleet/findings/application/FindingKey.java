package io.blindspot.fleet.findings.application;

import java.time.Instant;
import java.util.UUID;

/**
 * The position of a finding in a listing: the sort columns of the last item of a page. Only the
 * fields the listing's order uses are read.
 */
public record FindingKey(
    int severityRank,
    Instant firstSeen,
    String hostname,
    UUID serverId,
    String policy,
    String requirement,
    String path) {

  public static FindingKey of(Finding finding) {
    return new FindingKey(
        finding.severityRank(),
        finding.firstSeen(),
        finding.hostname(),
        finding.serverId(),
        finding.policy(),
        finding.requirement(),
        finding.path());
  }
}
