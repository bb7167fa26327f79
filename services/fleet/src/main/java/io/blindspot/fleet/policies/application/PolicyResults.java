package io.blindspot.fleet.policies.application;

import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/** Each server's result per policy, with the findings and evidence behind a failure. */
@ApplicationScoped
public class PolicyResults {

  private final ResultStore results;
  private final PolicyStore policies;

  public PolicyResults(ResultStore results, PolicyStore policies) {
    this.results = results;
    this.policies = policies;
  }

  @Transactional
  public List<ResultStore.ServerResult> forServer(String hostname) {
    return results
        .forServer(hostname)
        .orElseThrow(() -> new NotFound("no server named '" + hostname + "'"));
  }

  /** {@code limit + 1} rows, so the caller knows whether another page follows. */
  @Transactional
  public List<ResultStore.ServerStatus> forPolicy(
      String policy, Set<String> statuses, String afterHostname, int limit) {
    if (policies.find(policy).isEmpty()) {
      throw new NotFound("no policy named '" + policy + "'");
    }
    return results.forPolicy(policy, statuses, afterHostname, limit + 1);
  }
}
