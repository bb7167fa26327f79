package io.blindspot.ingest.packages.application;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSetDiff;

/** The snapshot a package upload became, and what changed against the previous one. */
public record StoredPackages(
    long snapshotId, PackageManager manager, int packageCount, PackageSetDiff diff) {}
