package io.blindspot.fleet.backups.application;

import io.blindspot.core.backup.LastRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One current backup job of a server: its descriptor as uploaded, what is known of its runs, and
 * the newest snapshot listing.
 *
 * @param lastRun the newest run known (started, finished, status, snapshot); null when none
 * @param lastSuccessAt the newest known success, kept across uploads; null when never
 * @param listing the metadata of the newest snapshot listing; null when none was uploaded
 */
public record BackupJobEntry(
    String name,
    String tool,
    List<String> command,
    Map<String, String> files,
    String schedule,
    LastRun lastRun,
    Instant lastSuccessAt,
    Listing listing) {

  /** What is kept of a snapshot listing besides its body. */
  public record Listing(String contentType, Instant receivedAt, long entryCount, String snapshot) {}
}
