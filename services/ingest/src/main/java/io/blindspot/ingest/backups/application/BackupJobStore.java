package io.blindspot.ingest.backups.application;

import io.blindspot.core.backup.BackupJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where job snapshots go, and the current jobs, one row each. */
public interface BackupJobStore {

  /** The server's current jobs: name to canonical descriptor JSON. */
  Map<String, String> currentDescriptors(UUID serverId);

  /** Stores an immutable snapshot of the uploaded array and answers its id. */
  long insertSnapshot(UUID serverId, long uploadId, String jobsJson);

  /**
   * Makes these the server's jobs: rows of other jobs go, with their listings; the others are
   * replaced, except {@code last_success_at}, which only ever moves forward (a failed run keeps the
   * previous success).
   *
   * @param descriptors each job's canonical descriptor JSON, in the order of {@code jobs}
   */
  void replaceJobs(UUID serverId, List<BackupJob> jobs, List<String> descriptors);
}
