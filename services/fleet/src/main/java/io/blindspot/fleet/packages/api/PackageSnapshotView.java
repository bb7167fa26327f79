package io.blindspot.fleet.packages.api;

import io.blindspot.fleet.packages.application.PackageSnapshotEntry;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One package snapshot of a server's history. */
@Schema(name = "PackageSnapshot")
public record PackageSnapshotView(
    @Schema(examples = "4711") long snapshotId,
    @Schema(examples = "2026-11-25T03:00:00Z") Instant takenAt,
    @Schema(examples = "dpkg") String manager,
    @Schema(examples = "1342") int packageCount,
    @Schema(
            description = "added / removed / changed versus the previous snapshot",
            examples =
                "{\"added\": [{\"key\": \"curl.amd64\", \"version\": \"7.88.1-10+deb12u8\"}],"
                    + " \"removed\": [], \"changed\": [{\"key\": \"openssl.amd64\", \"from\":"
                    + " \"3.0.14-1~deb12u2\", \"to\": \"3.0.15-1~deb12u1\"}]}")
        Map<String, Object> diff) {

  static PackageSnapshotView of(PackageSnapshotEntry entry) {
    return new PackageSnapshotView(
        entry.snapshotId(), entry.takenAt(), entry.manager(), entry.packageCount(), entry.diff());
  }
}
