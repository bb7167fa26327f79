package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Policy;
import io.blindspot.core.policy.PolicyEvaluator;
import io.blindspot.core.policy.PolicyResult;
import io.blindspot.core.policy.ServerFacts;
import io.blindspot.core.policy.Waiver;
import io.blindspot.fleet.FleetConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluates every enabled policy and active waiver on one server and replaces its results, one
 * server per transaction, taken from the policy queue.
 */
@ApplicationScoped
public class PolicyEvaluation {

  private static final Logger LOG = Logger.getLogger(PolicyEvaluation.class);

  private final EvaluationStore store;
  private final PolicyQueue queue;
  private final PolicyStore policies;
  private final WaiverStore waivers;
  private final FleetConfig config;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  public PolicyEvaluation(
      EvaluationStore store,
      PolicyQueue queue,
      PolicyStore policies,
      WaiverStore waivers,
      FleetConfig config) {
    this.store = store;
    this.queue = queue;
    this.policies = policies;
    this.waivers = waivers;
    this.config = config;
  }

  /**
   * Evaluates queued servers until the queue has none due or {@code max} were taken.
   *
   * @return how many servers were taken
   */
  public int drain(int max) {
    int taken = 0;
    while (taken < max && evaluateNext().isPresent()) {
      taken++;
    }
    return taken;
  }

  /**
   * Takes one due server and evaluates it in a transaction of its own; a failure rolls that back
   * and reschedules the server with a growing delay, in another transaction.
   */
  public Optional<UUID> evaluateNext() {
    UUID[] claimed = new UUID[1];
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                Optional<PolicyQueue.Claim> claim = queue.claim();
                claim.ifPresent(
                    c -> {
                      claimed[0] = c.serverId();
                      evaluate(c.serverId());
                      queue.complete(c);
                    });
                return claim.map(PolicyQueue.Claim::serverId);
              });
    } catch (RuntimeException e) {
      if (claimed[0] == null) {
        throw e;
      }
      LOG.warnf(e, "policy evaluation of server %s failed; it will be retried", claimed[0]);
      String error = String.valueOf(e.getMessage());
      QuarkusTransaction.requiringNew()
          .run(() -> queue.retryLater(claimed[0], config.policies().retryDelay(), error));
      return Optional.of(claimed[0]);
    }
  }

  /** Evaluates one server now, inside the caller's transaction; empty when it does not exist. */
  @Transactional
  public Optional<List<PolicyResult>> evaluate(UUID serverId) {
    Instant now = Instant.now();
    Optional<ServerFacts> facts = store.facts(serverId, now);
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    List<Policy> enabled = policies.enabled();
    List<Waiver> active = waivers.active();
    List<PolicyResult> results = evaluator.evaluate(enabled, active, facts.get());
    store.replaceResults(serverId, results, now);
    return Optional.of(results);
  }

  /** Queues the servers whose waived results are past their waiver's expiry. */
  @Transactional
  public int enqueueExpiredWaivers() {
    return queue.enqueueExpiredWaivers();
  }
}
