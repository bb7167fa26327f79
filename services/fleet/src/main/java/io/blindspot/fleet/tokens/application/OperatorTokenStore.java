package io.blindspot.fleet.tokens.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where operator tokens and their audit trail are kept; implemented by the persistence package. */
public interface OperatorTokenStore {

  /** Stores a new token; false when an active token already has its name. */
  boolean add(OperatorToken token, byte[] secretDigest);

  /** All tokens, newest first. */
  List<OperatorToken> all();

  Optional<OperatorToken> find(UUID id);

  /** Marks the token revoked at {@code at} unless it already is; the token as it is now. */
  Optional<OperatorToken> revoke(UUID id, Instant at);

  /** Every token with its digest, revoked ones included: what authentication checks against. */
  List<Credential> credentials();

  /** Moves last_used_at forward (never back) for each token. */
  void recordUse(Map<UUID, Instant> lastUse);

  /** Appends a row to the audit trail (entity 'token'). */
  void audit(String actor, String action, UUID id, OperatorToken before, OperatorToken after);

  /** A token's digest and what a request presenting it may do. */
  record Credential(byte[] digest, OperatorToken token) {}
}
