package io.blindspot.fleet.backups.api;

import io.blindspot.core.backup.LastRun;
import io.blindspot.fleet.backups.application.BackupJobEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One backup job: its canonical descriptor, plus what is known of its runs and listings. */
@Schema(name = "BackupJob")
public record BackupJobView(
    @Schema(examples = "nightly") String name,
    @Schema(
            enumeration = {"rsync", "dirvish", "rsnapshot", "restic", "borg", "tar"},
            examples = "rsync")
        String tool,
    @Schema(
            description = "The argv the server runs",
            examples =
                "[\"rsync\", \"-aHx\", \"--exclude-from=/etc/backup/excludes\", \"/\","
                    + " \"vault:/srv/web1/\"]")
        List<String> command,
    @Schema(
            description = "Contents of every config, exclude or pattern file the command reads",
            examples = "{\"/etc/backup/excludes\": \"/proc\\n/sys\\n/var/db\\n\"}")
        Map<String, String> files,
    @Schema(description = "Cron expression or free text", examples = "0 3 * * *") String schedule,
    @Schema(description = "The newest run the agent reported; null when none") LastRunView lastRun,
    @Schema(
            description = "The newest known success, kept across uploads; null when never",
            examples = "2026-11-25T03:12:40Z")
        Instant lastSuccessAt,
    @Schema(description = "The newest snapshot listing's metadata; null when none was uploaded")
        ListingView listing) {

  /** The newest run of a job. */
  @Schema(name = "BackupRun")
  public record LastRunView(
      @Schema(examples = "2026-11-25T03:00:00Z") Instant startedAt,
      @Schema(examples = "2026-11-25T03:12:40Z") Instant finishedAt,
      @Schema(
              enumeration = {"success", "failure", "partial", "running"},
              examples = "success")
          String status,
      @Schema(description = "What the run produced (image, snapshot id)", examples = "2026-11-25")
          String snapshot) {

    static LastRunView of(LastRun run) {
      return run == null
          ? null
          : new LastRunView(run.startedAt(), run.finishedAt(), run.status(), run.snapshot());
    }
  }

  /** What is kept of a snapshot listing (its body stays compressed, never one row per file). */
  @Schema(name = "BackupListing")
  public record ListingView(
      @Schema(examples = "application/x-restic-ls+json") String contentType,
      @Schema(examples = "2026-11-25T03:14:02Z") Instant receivedAt,
      @Schema(examples = "1843220") long entryCount,
      @Schema(description = "The tool's snapshot, archive or image name", examples = "4f1c2a9b")
          String snapshot) {

    static ListingView of(BackupJobEntry.Listing listing) {
      return listing == null
          ? null
          : new ListingView(
              listing.contentType(),
              listing.receivedAt(),
              listing.entryCount(),
              listing.snapshot());
    }
  }

  static BackupJobView of(BackupJobEntry job) {
    return new BackupJobView(
        job.name(),
        job.tool(),
        job.command(),
        job.files(),
        job.schedule(),
        LastRunView.of(job.lastRun()),
        job.lastSuccessAt(),
        ListingView.of(job.listing()));
  }
}
