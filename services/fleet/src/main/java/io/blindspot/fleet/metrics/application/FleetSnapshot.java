package io.blindspot.fleet.metrics.application;

import java.time.Instant;
import java.util.List;

/**
 * What the fleet gauges show, read from PostgreSQL in one go.
 *
 * @param takenAt when it was read
 */
public record FleetSnapshot(
    Instant takenAt,
    List<ServerCount> servers,
    List<PolicyFailures> policyFailures,
    List<AssetCount> assets,
    List<JobSuccess> backups,
    List<ServerSeen> lastSeen) {

  /** Servers of one readiness ("UNEVALUATED" before the first coverage) and os family. */
  public record ServerCount(String readiness, String osFamily, long count) {}

  /** Servers whose effective result for an enabled policy is fail (expired waivers included). */
  public record PolicyFailures(String policy, String severity, long count) {}

  /** Current assets of one kind and coverage status, fleet-wide. */
  public record AssetCount(String kind, String status, long count) {}

  /** A backup job's newest known success; null when it never succeeded. */
  public record JobSuccess(String server, String job, Instant newestSuccess) {}

  /** A server's last upload of any kind; null when it never uploaded. */
  public record ServerSeen(String server, Instant lastSeenAt) {}
}
