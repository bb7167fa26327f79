package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Selector;
import io.blindspot.core.policy.Waiver;
import java.time.Instant;
import java.util.UUID;

/**
 * A waiver as stored.
 *
 * @param hostname the waived server's hostname; null when a selector picks the servers
 */
public record StoredWaiver(
    long id,
    String policy,
    UUID serverId,
    String hostname,
    Selector selector,
    String reason,
    String author,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  public static final String ACTIVE = "active";
  public static final String EXPIRED = "expired";
  public static final String REVOKED = "revoked";

  /** active, expired or revoked, at {@code now}. */
  public String state(Instant now) {
    if (revokedAt != null) {
      return REVOKED;
    }
    return expiresAt.isAfter(now) ? ACTIVE : EXPIRED;
  }

  public Waiver waiver() {
    return new Waiver(id, policy, serverId, selector, expiresAt, revokedAt);
  }
}
