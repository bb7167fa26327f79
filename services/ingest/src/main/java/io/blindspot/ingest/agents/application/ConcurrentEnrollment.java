package io.blindspot.ingest.agents.application;

/**
 * Two enrollments of one machine raced and the other one won; retrying re-enrolls the machine (and
 * rotates the token the other one got).
 */
public final class ConcurrentEnrollment extends RuntimeException {

  public ConcurrentEnrollment() {
    super("this machine is being enrolled by another request at the same time; retry");
  }
}
