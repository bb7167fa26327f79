package io.blindspot.fleet.compliance.api;

import io.blindspot.fleet.compliance.application.StaleJob;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A backup job whose newest success is too old, or that never succeeded. */
@Schema(name = "StaleBackupJob")
public record StaleJobView(
    @Schema(examples = "web-01.example.org") String hostname,
    @Schema(examples = "nightly") String job,
    @Schema(examples = "rsync") String tool,
    @Schema(examples = "0 3 * * *") String schedule,
    @Schema(description = "Newest known success; null when it never succeeded")
        Instant lastSuccessAt,
    @Schema(description = "Status of the last run", examples = "failure") String lastStatus,
    Instant lastFinishedAt) {

  static StaleJobView of(StaleJob j) {
    return new StaleJobView(
        j.hostname(),
        j.job(),
        j.tool(),
        j.schedule(),
        j.lastSuccessAt(),
        j.lastStatus(),
        j.lastFinishedAt());
  }
}
