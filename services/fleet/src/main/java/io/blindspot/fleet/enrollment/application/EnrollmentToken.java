package io.blindspot.fleet.enrollment.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An enrollment token as operators see it: everything but the secret, which is never kept. */
public record EnrollmentToken(
    UUID id,
    String description,
    Map<String, String> labels,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    int usedCount) {

  public EnrollmentToken {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
