package io.blindspot.fleet.policies.api;

import io.blindspot.fleet.policies.application.StoredWaiver;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A waiver, with its state now. */
@Schema(name = "Waiver")
public record WaiverView(
    long id,
    String policy,
    @Schema(description = "The hostname waived; null when a selector picks the servers")
        String server,
    SelectorView selector,
    String reason,
    @Schema(description = "The operator token (or admin) that created it", examples = "admin")
        String author,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    @Schema(enumeration = {"active", "expired", "revoked"}) String state) {

  static WaiverView of(StoredWaiver w) {
    return new WaiverView(
        w.id(),
        w.policy(),
        w.hostname(),
        SelectorView.of(w.selector()),
        w.reason(),
        w.author(),
        w.createdAt(),
        w.expiresAt(),
        w.revokedAt(),
        w.state(Instant.now()));
  }
}
