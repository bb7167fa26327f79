package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.coverage.CoverageDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the dashboard reads, straight from the tables the services write; implemented by SQL. */
public interface DashboardStore {

  /** Servers per readiness ("NOT_EVALUATED" before the first evaluation). */
  List<Overview.ReadinessCount> readinessCounts();

  /** Servers whose hostname starts with the prefix (every server when null). */
  long serverCount(String hostPrefix);

  /**
   * A page of servers, the least restorable first (readiness, then score), each with its worst
   * status per asset kind.
   */
  List<Overview.HeatRow> heatMap(List<String> kinds, String hostPrefix, int offset, int limit);

  /** The paths most often uncovered across the fleet. */
  List<Overview.BlindSpot> blindSpots(int limit);

  /** Jobs whose newest success is older than the cutoff, or that never succeeded. */
  List<Overview.StaleJob> staleJobs(Instant cutoff, int limit);

  long staleJobCount(Instant cutoff);

  Optional<ServerRecord> server(String hostname);

  Optional<CoverageDocument> coverage(UUID serverId);

  List<JobRecord> jobs(UUID serverId);

  List<ServerPage.PolicyResult> policyResults(UUID serverId);

  /** Findings in the order severity, policy, hostname, requirement, path. */
  List<Finding> findings(FindingFilter filter, int offset, int limit);

  List<String> policyNames();

  List<PolicySummary> policies();

  /** Waivers soonest to expire first; only the active ones unless {@code all}. */
  List<WaiverEntry> waivers(boolean all);

  /** A server's row with its current coverage summary. */
  record ServerRecord(UUID id, ServerPage.Facts facts) {}

  /** A backup job's row; staleness is the application's call. */
  record JobRecord(
      String name,
      String tool,
      String schedule,
      String lastStatus,
      Instant lastSuccess,
      Instant lastFinished,
      String lastSnapshot) {}
}
