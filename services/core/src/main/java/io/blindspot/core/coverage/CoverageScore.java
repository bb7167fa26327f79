package io.blindspot.core.coverage;

import io.blindspot.core.world.Severity;
import java.util.List;

/**
 * A number an operator can sort a fleet by: 100 minus a penalty per asset that would not come back,
 * weighted by its severity (critical 25, high 8, medium 2, low 1) and by how badly it is lost
 * (uncovered or missing from the snapshot: all of it; partial: half; stale: 40 %). It never exceeds
 * 49 for a server that is not restorable, nor 89 for one at risk, so the readiness order holds.
 */
public final class CoverageScore {

  private CoverageScore() {}

  public static int of(List<AssetCoverage> assets, Readiness readiness) {
    double penalty = 0;
    for (AssetCoverage coverage : assets) {
      penalty += weight(coverage.asset().severity()) * loss(coverage.status());
    }
    int score = (int) Math.max(0, Math.round(100 - penalty));
    return switch (readiness) {
      case NOT_RESTORABLE -> Math.min(score, 49);
      case AT_RISK -> Math.min(score, 89);
      case READY -> score;
    };
  }

  static double weight(Severity severity) {
    return switch (severity) {
      case CRITICAL -> 25;
      case HIGH -> 8;
      case MEDIUM -> 2;
      case LOW -> 1;
    };
  }

  static double loss(CoverageStatus status) {
    return switch (status) {
      case UNCOVERED, MISSING_FROM_SNAPSHOT -> 1.0;
      case PARTIAL -> 0.5;
      case STALE -> 0.4;
      case COVERED, VERIFIED -> 0.0;
    };
  }
}
