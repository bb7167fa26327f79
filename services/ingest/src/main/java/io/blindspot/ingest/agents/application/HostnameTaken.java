package io.blindspot.ingest.agents.application;

/**
 * Another machine already enrolled under this hostname. Hostnames name servers in every report, so
 * two machines must not share one; the operator removes the old server first (fleet service).
 */
public final class HostnameTaken extends RuntimeException {

  public HostnameTaken(String hostname) {
    super(
        "hostname '" + hostname + "' is already enrolled by another machine (different machineId)");
  }
}
