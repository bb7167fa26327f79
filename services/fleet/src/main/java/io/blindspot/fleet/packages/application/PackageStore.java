package io.blindspot.fleet.packages.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where package snapshots and installed packages are kept; implemented by persistence. */
public interface PackageStore {

  Optional<UUID> serverId(String hostname);

  /** The canonical PackageSet JSON of the server's current package snapshot. */
  Optional<String> currentPackageSet(UUID serverId);

  /** Up to {@code limit} snapshots, newest first, older than {@code beforeSnapshotId} if given. */
  List<PackageSnapshotEntry> history(UUID serverId, Long beforeSnapshotId, int limit);

  /**
   * Up to {@code limit} installations matching the query's name, category and manager (versions are
   * not compared here), by hostname and package key, after {@code after} if given.
   */
  List<PackageInstallation> installations(PackageQuery query, InstallationKey after, int limit);
}
