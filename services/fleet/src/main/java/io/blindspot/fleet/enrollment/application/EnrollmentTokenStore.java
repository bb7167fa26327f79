package io.blindspot.fleet.enrollment.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where enrollment tokens are kept; implemented by the persistence package. */
public interface EnrollmentTokenStore {

  void add(EnrollmentToken token, byte[] secretDigest);

  /** All tokens, newest first. */
  List<EnrollmentToken> all();

  /** Marks the token revoked at {@code at} unless it already is; empty when unknown. */
  Optional<EnrollmentToken> revoke(UUID id, Instant at);
}
