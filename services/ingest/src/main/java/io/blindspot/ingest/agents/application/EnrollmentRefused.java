package io.blindspot.ingest.agents.application;

/**
 * The enrollment token is unknown, revoked or expired. Deliberately one exception for the three:
 * telling a caller which one would confirm that a guessed token exists.
 */
public final class EnrollmentRefused extends RuntimeException {

  public EnrollmentRefused() {
    super("the enrollment token is unknown, revoked or expired");
  }
}
