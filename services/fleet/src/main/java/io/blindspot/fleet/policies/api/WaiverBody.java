package io.blindspot.fleet.policies.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A waiver to create: exactly one of server and selector. */
@Schema(name = "WaiverBody")
public record WaiverBody(
    @Schema(required = true, examples = "etc-backed-up-daily") String policy,
    @Schema(description = "The hostname of the one server waived", examples = "legacy-01")
        String server,
    @Schema(
            implementation = SelectorView.class,
            description = "Every server this picks is waived (instead of server)")
        JsonNode selector,
    @Schema(required = true, examples = "decommissioned on 2027-01-31; no longer backed up")
        String reason,
    @Schema(
            required = true,
            description =
                "ISO-8601 instant in the future, within the configured maximum (365 days)",
            examples = "2027-01-31T00:00:00Z")
        String expiresAt) {}
