package io.blindspot.fleet.packages.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a server's package history, newest first. */
@Schema(name = "PackageHistoryPage")
public record PackageHistoryPage(
    List<PackageSnapshotView> items,
    @Schema(description = "Pass as `after` for older snapshots; null on the last page")
        String next) {}
