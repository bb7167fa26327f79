package io.blindspot.ingest.backups.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The canonical job descriptor ({@code io.blindspot.core.backup.BackupJob}) as the OpenAPI document
 * shows it; the upload itself is read and validated field by field by ReceiveBackups.
 */
@Schema(name = "BackupJobDescriptor", description = "A backup job as the server really runs it")
public record BackupJobDescriptor(
    @Schema(
            required = true,
            description = "Unique per server; [A-Za-z0-9._:@-]{1,128}",
            examples = "nightly")
        String name,
    @Schema(
            required = true,
            enumeration = {"borg", "dirvish", "restic", "rsnapshot", "rsync", "tar"},
            examples = "rsync")
        String tool,
    @Schema(
            required = true,
            description = "The argv the server runs; for dirvish [\"dirvish\", \"--vault\", NAME]",
            examples =
                "[\"rsync\", \"-a\", \"--exclude-from=/etc/backup/excludes\", \"/\","
                    + " \"nas:/srv/backup/\"]")
        List<String> command,
    @Schema(
            description =
                "Content of every config, exclude, pattern or merge file the command reads, keyed"
                    + " by the absolute path the command names",
            type = SchemaType.OBJECT,
            additionalProperties = String.class,
            examples = "{\"/etc/backup/excludes\": \"/proc/\\n/var/cache/\\n\"}")
        Map<String, String> files,
    @Schema(description = "cron expression or free text", examples = "0 2 * * *") String schedule,
    @Schema(description = "The newest run the agent knows of") LastRunDescriptor lastRun) {

  /** The newest run of a job. */
  @Schema(name = "BackupJobLastRun")
  public record LastRunDescriptor(
      @Schema(examples = "2026-11-25T02:00:00Z") String startedAt,
      @Schema(examples = "2026-11-25T02:14:31Z") String finishedAt,
      @Schema(
              required = true,
              enumeration = {"success", "failure", "partial", "running"},
              examples = "success")
          String status,
      @Schema(
              description =
                  "What the run produced: dirvish image, restic snapshot id, borg archive",
              examples = "20261125")
          String snapshot) {}
}
