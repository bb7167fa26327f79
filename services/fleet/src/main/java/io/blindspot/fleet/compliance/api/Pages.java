package io.blindspot.fleet.compliance.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The pages of the fleet listings. */
public final class Pages {

  private Pages() {}

  /** One page of servers where a path matters. */
  @Schema(name = "PathCoveragePage")
  public record PathPage(
      @Schema(description = "The path asked about") String path,
      List<PathCoverageView> items,
      @Schema(description = "Pass as `after` for the next page; null on the last page")
          String next) {}

  /** One page of a package's service data. */
  @Schema(name = "PackageDataPage")
  public record PackageDataPage(
      List<PackageDataView> items,
      @Schema(description = "Pass as `after` for the next page; null on the last page")
          String next) {}

  /** One page of stale backup jobs. */
  @Schema(name = "StaleBackupJobPage")
  public record StaleJobPage(
      List<StaleJobView> items,
      @Schema(description = "Pass as `after` for the next page; null on the last page")
          String next) {}
}
