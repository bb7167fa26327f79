package io.blindspot.core.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * An exception to one policy for one server or for every server a selector picks, until it expires
 * or is revoked.
 *
 * @param serverId the server waived; null when a selector picks the servers
 * @param selector the servers waived; null when one server is
 */
public record Waiver(
    long id,
    String policy,
    UUID serverId,
    Selector selector,
    Instant expiresAt,
    Instant revokedAt) {

  /** Whether the waiver is in force at {@code now}: not expired and not revoked. */
  public boolean activeAt(Instant now) {
    return expiresAt.isAfter(now) && (revokedAt == null || revokedAt.isAfter(now));
  }

  /** Whether it waives {@code policy} on this server at the facts' instant. */
  public boolean appliesTo(String policy, ServerFacts server) {
    if (!this.policy.equals(policy) || !activeAt(server.now())) {
      return false;
    }
    if (serverId != null) {
      return serverId.equals(server.serverId());
    }
    return selector != null && selector.matches(server);
  }
}
