package io.blindspot.fleet.tokens.api;

import io.blindspot.fleet.tokens.application.OperatorToken;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator token without its secret. */
@Schema(name = "OperatorToken")
public record OperatorTokenView(
    @Schema(examples = "9b2d6c1e-4f3a-4e8b-a1d2-7c5e0f9a8b31") UUID id,
    @Schema(examples = "grafana") String name,
    @Schema(
            enumeration = {"viewer", "admin"},
            examples = "viewer")
        String role,
    @Schema(examples = "2026-12-05T01:30:00Z") Instant createdAt,
    @Schema(
            description = "The caller that issued it: \"admin\" or a token's name",
            examples = "admin")
        String createdBy,
    @Schema(
            description = "Last authenticated request, to the minute; null if never used",
            examples = "2026-12-05T02:10:00Z")
        Instant lastUsedAt,
    @Schema(description = "When it was revoked; null while usable") Instant revokedAt) {

  static OperatorTokenView of(OperatorToken token) {
    return new OperatorTokenView(
        token.id(),
        token.name(),
        token.role().name().toLowerCase(Locale.ROOT),
        token.createdAt(),
        token.createdBy(),
        token.lastUsedAt(),
        token.revokedAt());
  }
}
