package io.blindspot.fleet.compliance.api;

import io.blindspot.fleet.compliance.application.PackageData;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service's data asset on a server that has the package installed. */
@Schema(name = "PackageData")
public record PackageDataView(
    @Schema(examples = "db-01.example.org") String hostname,
    @Schema(examples = "mysql-server") String packageName,
    @Schema(description = "Installed versions, space-separated", examples = "8.0.39-1")
        String versions,
    @Schema(examples = "/var/lib/mysql/") String asset,
    @Schema(examples = "critical") String severity,
    @Schema(examples = "uncovered") String status,
    @Schema(examples = "MySQL / MariaDB data: package mysql-server is installed")
        String provenance) {

  static PackageDataView of(PackageData d) {
    return new PackageDataView(
        d.hostname(),
        d.packageName(),
        d.versions(),
        d.assetPath(),
        d.severity(),
        d.status(),
        d.provenance());
  }
}
