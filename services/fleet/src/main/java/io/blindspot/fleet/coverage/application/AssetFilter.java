package io.blindspot.fleet.coverage.application;

import io.blindspot.core.coverage.CoverageDocument;
import java.util.Set;

/**
 * Which assets of a report to show; an empty set does not filter, and every non-empty one must
 * hold.
 *
 * @param statuses status ids (uncovered, partial, ...)
 * @param kinds asset kind ids (package-db, world-set, ...)
 * @param severities severity ids (critical, high, medium, low)
 */
public record AssetFilter(Set<String> statuses, Set<String> kinds, Set<String> severities) {

  public static final AssetFilter ALL = new AssetFilter(Set.of(), Set.of(), Set.of());

  public AssetFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
  }

  public boolean matches(CoverageDocument.AssetEntry asset) {
    return (statuses.isEmpty() || statuses.contains(asset.status()))
        && (kinds.isEmpty() || kinds.contains(asset.kind()))
        && (severities.isEmpty() || severities.contains(asset.severity()));
  }
}
