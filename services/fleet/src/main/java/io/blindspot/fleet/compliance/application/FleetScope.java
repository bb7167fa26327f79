package io.blindspot.fleet.compliance.application;

import java.util.Map;
import java.util.Set;

/**
 * Which servers a fleet query looks at: all of them unless labels (all must match the effective
 * labels) or OS families (any) are given.
 */
public record FleetScope(Map<String, String> labels, Set<String> osFamilies) {

  public FleetScope {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    osFamilies = osFamilies == null ? Set.of() : Set.copyOf(osFamilies);
  }
}
