package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.PolicyResult;
import io.blindspot.core.policy.ServerFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What policy evaluation reads about a server, and where it writes the results. */
public interface EvaluationStore {

  /** The server's facts as of {@code now}; empty when the server no longer exists. */
  Optional<ServerFacts> facts(UUID serverId, Instant now);

  /**
   * Replaces the server's results and findings (a finding that persists keeps its first_seen) and
   * records today's (UTC) status per policy in the daily history.
   */
  void replaceResults(UUID serverId, List<PolicyResult> results, Instant now);
}
