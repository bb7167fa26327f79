package io.blindspot.fleet.tokens.application;

import io.blindspot.fleet.auth.Caller;
import java.time.Instant;
import java.util.UUID;

/** An operator token as operators see it: everything but the secret, which is never kept. */
public record OperatorToken(
    UUID id,
    String name,
    Caller.Role role,
    Instant createdAt,
    String createdBy,
    Instant lastUsedAt,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
