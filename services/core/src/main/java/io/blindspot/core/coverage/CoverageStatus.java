package io.blindspot.core.coverage;

import java.util.Locale;

/** Whether an asset would come back from the backups. */
public enum CoverageStatus {
  /** Some job keeps it, and that job succeeded recently. */
  COVERED,
  /** Kept, and the newest snapshot's listing shows it is really there. */
  VERIFIED,
  /** Kept, but some of its descendants that matter are excluded. */
  PARTIAL,
  /** Only kept by jobs whose last success is too old, or that never succeeded. */
  STALE,
  /** The rules say it is kept, but the newest snapshot's listing lacks it. */
  MISSING_FROM_SNAPSHOT,
  /** No job keeps it. */
  UNCOVERED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static CoverageStatus fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
