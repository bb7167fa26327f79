package io.blindspot.fleet.enrollment.api;

import io.blindspot.fleet.enrollment.application.EnrollmentToken;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An enrollment token without its secret. */
@Schema(name = "EnrollmentToken")
public record EnrollmentTokenView(
    @Schema(examples = "3f0c8a1e-5b7d-4c2a-9e61-0d2f4b8a7c55") UUID id,
    @Schema(examples = "web tier, autumn rollout") String description,
    @Schema(examples = "{\"env\": \"prod\"}") Map<String, String> labels,
    @Schema(examples = "2026-11-25T11:30:00Z") Instant createdAt,
    @Schema(examples = "2026-12-02T11:30:00Z") Instant expiresAt,
    @Schema(description = "When it was revoked; null while usable") Instant revokedAt,
    @Schema(description = "How many servers enrolled with it", examples = "12") int usedCount) {

  static EnrollmentTokenView of(EnrollmentToken token) {
    return new EnrollmentTokenView(
        token.id(),
        token.description(),
        token.labels(),
        token.createdAt(),
        token.expiresAt(),
        token.revokedAt(),
        token.usedCount());
  }
}
