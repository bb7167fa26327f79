package io.blindspot.fleet.dashboard.application;

import io.blindspot.fleet.auth.Caller;
import java.time.Instant;
import java.util.Optional;

/** The dashboard's sessions, kept by the SHA-256 of their id; implemented by persistence. */
public interface SessionStore {

  void create(byte[] sessionHash, byte[] tokenHash, Caller caller, Instant expiresAt);

  /** The unexpired session with this hash, and what is known of the token that opened it. */
  Optional<StoredSession> find(byte[] sessionHash);

  void delete(byte[] sessionHash);

  /** Forgets every expired session; returns how many. */
  int deleteExpired();

  /**
   * A live session.
   *
   * @param operatorToken true when the token is an operator token (operator_tokens), false when it
   *     is none, i.e. the bootstrap admin token or a token deleted since
   * @param tokenRevoked true when that operator token has been revoked
   */
  record StoredSession(
      byte[] tokenHash,
      Caller caller,
      Instant expiresAt,
      boolean operatorToken,
      boolean tokenRevoked) {}
}
