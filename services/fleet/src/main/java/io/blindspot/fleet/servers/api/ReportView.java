package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.servers.application.Report;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The current report of one kind. */
@Schema(name = "Report")
public record ReportView(
    @Schema(description = "When its content last changed", examples = "2026-11-20T03:00:00Z")
        Instant updatedAt,
    @Schema(
            description = "Last upload of this kind, changed or not",
            examples = "2026-11-25T03:00:00Z")
        Instant lastSeenAt,
    @Schema(description = "The current snapshot", examples = "4711") long snapshotId) {

  static ReportView of(Report report) {
    return new ReportView(report.updatedAt(), report.lastSeenAt(), report.snapshotId());
  }
}
