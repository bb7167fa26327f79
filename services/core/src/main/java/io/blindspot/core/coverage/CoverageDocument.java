package io.blindspot.core.coverage;

import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.packages.PortageWorldCheck;
import java.time.Instant;
import java.util.List;

/**
 * The stored and served form of a server's coverage: flat, JSON-friendly, and the same for the
 * service that writes it and the one that serves it.
 */
public record CoverageDocument(
    String server,
    String readiness,
    int score,
    Instant evaluatedAt,
    List<String> reasons,
    List<AssetEntry> assets,
    Drift drift,
    String driftNote,
    List<PortageWorldCheck.AtomCheck> worldCheck,
    List<JobError> jobErrors) {

  /** One asset's coverage. */
  public record AssetEntry(
      String path,
      String kind,
      String severity,
      String status,
      String provenance,
      String note,
      List<JobVerdict> jobs,
      List<Gap> gaps,
      List<Remediation> remediation) {}

  /** A job that could not be evaluated, and why. */
  public record JobError(String job, String tool, String error) {}

  public static CoverageDocument of(
      String server,
      CoverageReport report,
      Instant evaluatedAt,
      Drift drift,
      String driftNote,
      List<PortageWorldCheck.AtomCheck> worldCheck,
      List<JobError> jobErrors) {
    List<AssetEntry> assets =
        report.assets().stream()
            .map(
                a ->
                    new AssetEntry(
                        a.asset().path(),
                        a.asset().kind().id(),
                        a.asset().severity().id(),
                        a.status().id(),
                        a.asset().provenance(),
                        a.asset().note(),
                        a.jobs(),
                        a.gaps(),
                        a.remediation()))
            .toList();
    return new CoverageDocument(
        server,
        report.readiness().name(),
        report.score(),
        evaluatedAt,
        report.reasons(),
        assets,
        drift,
        driftNote,
        worldCheck,
        jobErrors);
  }
}
