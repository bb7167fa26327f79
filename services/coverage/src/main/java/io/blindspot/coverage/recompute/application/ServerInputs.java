package io.blindspot.coverage.recompute.application;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.coverage.SnapshotListing;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.ServiceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything the coverage of one server is computed from, as stored now. */
public record ServerInputs(
    UUID serverId,
    String hostname,
    Inventory inventory,
    PackageSet packages,
    List<StoredJob> jobs,
    Map<String, SnapshotListing> listings,
    List<ServiceEntry> extraKnowledge) {

  /** A current job with what is known of its runs; descriptor null when it no longer parses. */
  public record StoredJob(
      String name,
      String tool,
      BackupJob descriptor,
      String descriptorError,
      Instant lastSuccess,
      String lastSnapshot) {}
}
