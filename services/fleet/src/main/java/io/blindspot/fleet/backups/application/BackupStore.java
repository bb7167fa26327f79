package io.blindspot.fleet.backups.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the ingest service keeps backup jobs and listings; implemented by persistence. */
public interface BackupStore {

  Optional<UUID> serverId(String hostname);

  /** The server's current jobs, by name. */
  List<BackupJobEntry> jobs(UUID serverId);
}
