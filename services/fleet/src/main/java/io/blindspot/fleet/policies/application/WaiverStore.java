package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Selector;
import io.blindspot.core.policy.Waiver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where waivers are kept; they are revoked, never deleted. */
public interface WaiverStore {

  long insert(
      String policy,
      UUID serverId,
      Selector selector,
      String reason,
      String author,
      Instant expiresAt);

  Optional<StoredWaiver> find(long id);

  /** The waiver, locked until the transaction ends. */
  Optional<StoredWaiver> lock(long id);

  /**
   * Newest first, below {@code beforeId} when given.
   *
   * @param state active, expired, revoked, or null for all
   */
  List<StoredWaiver> list(String policy, String state, Long beforeId, int limit);

  void revoke(long id);

  /** The waivers in force now (not expired, not revoked). */
  List<Waiver> active();

  Optional<UUID> serverId(String hostname);
}
