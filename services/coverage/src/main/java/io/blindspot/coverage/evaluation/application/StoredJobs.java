package io.blindspot.coverage.evaluation.application;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Filesystem;
import java.util.List;
import java.util.Optional;

/** The jobs agents uploaded, and the mounts of their servers, for questions about a real job. */
public interface StoredJobs {

  /** A server's current job of that name, with the server's current mounts. */
  Optional<StoredJob> find(String hostname, String job);

  record StoredJob(BackupJob job, List<Filesystem> filesystems) {}
}
