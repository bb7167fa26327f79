package io.blindspot.fleet.enrollment.api;

import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /api/v1/enrollment-tokens; every field is optional. */
@Schema(name = "NewEnrollmentToken")
public record NewEnrollmentToken(
    @Schema(examples = "web tier, autumn rollout") @Size(max = 1000) String description,
    @Schema(
            description = "Labels attached to every server that enrolls with this token",
            examples = "{\"env\": \"prod\", \"team\": \"web\"}")
        Map<String, String> labels,
    @Schema(
            description = "ISO-8601 lifetime (default P7D, at most P366D); not with expiresAt",
            format = "duration",
            examples = "P7D")
        String expiresIn,
    @Schema(
            description = "ISO-8601 instant the token stops working; not with expiresIn",
            format = "date-time",
            examples = "2026-12-01T00:00:00Z")
        String expiresAt) {}
