package io.blindspot.fleet.policies.application;

import io.blindspot.fleet.FleetConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains the policy queue every poll interval, and every minute queues the servers whose waiver
 * expired so their stored result stops saying "waived". Any number of fleet instances may run this:
 * the queue is taken with FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
public class PolicyWorkers {

  private static final Logger LOG = Logger.getLogger(PolicyWorkers.class);

  private final PolicyEvaluation evaluation;
  private final FleetConfig config;

  PolicyWorkers(PolicyEvaluation evaluation, FleetConfig config) {
    this.evaluation = evaluation;
    this.config = config;
  }

  @Scheduled(
      every = "${blindspot.policies.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    if (!config.policies().enabled()) {
      return;
    }
    try {
      evaluation.drain(config.policies().batch());
    } catch (RuntimeException e) {
      LOG.warn("the policy queue could not be read; trying again at the next poll", e);
    }
  }

  @Scheduled(
      every = "1m",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweepExpiredWaivers() {
    if (config.policies().enabled()) {
      evaluation.enqueueExpiredWaivers();
    }
  }
}
