package io.blindspot.core.coverage;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRules;
import java.time.Instant;

/**
 * A job of the server as the coverage evaluation sees it.
 *
 * @param job the descriptor
 * @param rules its compiled rules; null when the job could not be compiled
 * @param error why it could not be compiled; null when it could
 * @param lastSuccess when it last finished successfully; null when never (or not known)
 * @param snapshot what the last successful run produced (image, snapshot id); may be null
 * @param listing the newest snapshot's listing, when one was uploaded; may be null
 */
public record JobUnderTest(
    BackupJob job,
    BackupRules rules,
    String error,
    Instant lastSuccess,
    String snapshot,
    SnapshotListing listing) {

  public String name() {
    return job.name();
  }
}
