package io.blindspot.ingest.packages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a package upload. */
@Schema(name = "PackagesUploadResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackagesUploadResponse(
    @Schema(description = "True when the body equals the current upload; nothing was stored")
        boolean unchanged,
    @Schema(description = "The new snapshot, when one was stored", examples = "42") Long snapshotId,
    @Schema(description = "What the new snapshot holds and how it differs from the previous one")
        Summary summary) {

  /**
   * Counts and lists of the new snapshot against the previous one (everything is added at first).
   */
  @Schema(name = "PackagesUploadSummary")
  public record Summary(
      @Schema(examples = "dpkg") String manager,
      @Schema(description = "Installed packages in the new snapshot", examples = "712")
          int packages,
      @Schema(description = "Keys of packages that appeared", examples = "[\"curl.amd64\"]")
          List<String> added,
      @Schema(description = "Keys of packages that disappeared", examples = "[\"wget.amd64\"]")
          List<String> removed,
      @Schema(description = "Packages whose version changed") List<Change> changed) {}

  /** One package's version change. */
  @Schema(name = "PackageVersionChange")
  public record Change(
      @Schema(examples = "openssl.amd64") String key,
      @Schema(examples = "3.0.15-1~deb12u1") String from,
      @Schema(examples = "3.0.17-1~deb12u2") String to) {}
}
