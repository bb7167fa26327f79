package io.blindspot.fleet.packages.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of installations, by hostname. */
@Schema(name = "PackageInstallationPage")
public record InstallationPage(
    List<InstallationView> items,
    @Schema(description = "Pass as `after` for the next page; null on the last page")
        String next) {}
