package io.blindspot.ingest.packages.application;

import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import java.util.UUID;

/** Where package snapshots go, and the current snapshot's one-row-per-package table. */
public interface PackageSnapshots {

  /** The package set of a stored snapshot. */
  PackageSet packageSet(UUID serverId, long snapshotId);

  /** Stores an immutable snapshot with its diff against the previous one and answers its id. */
  long insert(
      UUID serverId, long uploadId, String format, PackageSet packages, PackageSetDiff diff);

  /** Replaces the server's {@code installed_packages} rows with this set's packages. */
  void replaceInstalled(UUID serverId, PackageSet packages);
}
