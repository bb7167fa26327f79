package io.blindspot.ingest.agents.application;

import java.util.Map;
import java.util.Optional;

/** The enrollment tokens operators create (in the fleet service); ingest only redeems them. */
public interface EnrollmentTokens {

  /**
   * Counts one use of the token with this SHA-256 if it is neither revoked nor expired.
   *
   * @return the labels to attach to the enrolled server, or empty when the token is not usable
   */
  Optional<Map<String, String>> redeem(byte[] tokenDigest);
}
