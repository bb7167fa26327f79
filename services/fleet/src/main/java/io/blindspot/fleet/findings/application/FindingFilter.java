package io.blindspot.fleet.findings.application;

import java.util.Map;
import java.util.Set;

/**
 * Which findings a listing shows; every condition given must hold, and each set matches any of its
 * values.
 *
 * @param policies policy names
 * @param severities critical, high, medium, low
 * @param assetKinds the kind of the asset a finding is about
 * @param pathPrefix the finding's path starts with this
 * @param labels label key → value the server's effective labels must contain
 * @param osFamilies os-release family or ID of the server
 * @param packageName the server has a package of this name installed
 * @param statuses effective status: fail (expired waivers included) or waived
 */
public record FindingFilter(
    Set<String> policies,
    Set<String> severities,
    Set<String> assetKinds,
    String pathPrefix,
    Map<String, String> labels,
    Set<String> osFamilies,
    String packageName,
    Set<String> statuses) {

  public FindingFilter {
    policies = policies == null ? Set.of() : Set.copyOf(policies);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    assetKinds = assetKinds == null ? Set.of() : Set.copyOf(assetKinds);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    osFamilies = osFamilies == null ? Set.of() : Set.copyOf(osFamilies);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }
}
