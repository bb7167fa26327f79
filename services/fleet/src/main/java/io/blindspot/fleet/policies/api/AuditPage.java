package io.blindspot.fleet.policies.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the audit trail, newest first. */
@Schema(name = "AuditPage")
public record AuditPage(
    List<AuditEntryView> items,
    @Schema(description = "Pass as `after` for older entries; null on the last page")
        String next) {}
