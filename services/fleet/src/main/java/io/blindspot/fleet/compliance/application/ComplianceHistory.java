package io.blindspot.fleet.compliance.application;

import io.blindspot.fleet.FleetConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Keeps the daily compliance history: each run writes every server's effective status per policy as
 * today's row (UTC days; an upsert, so every run of the day refines the same row, and the policy
 * worker writes it too after each evaluation) and drops the days past the retention. Idempotent, so
 * several fleet instances may run it.
 */
@ApplicationScoped
public class ComplianceHistory {

  private static final Logger LOG = Logger.getLogger(ComplianceHistory.class);

  private final ComplianceStore store;
  private final FleetConfig config;

  public ComplianceHistory(ComplianceStore store, FleetConfig config) {
    this.store = store;
    this.config = config;
  }

  /** What one run did. */
  public record Sweep(LocalDate day, int written, int deleted) {}

  @Scheduled(
      identity = "compliance-history",
      every = "${blindspot.history.snapshot-every:15m}",
      delayed = "${blindspot.history.first-snapshot-after:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    Sweep sweep = sweep(LocalDate.now(ZoneOffset.UTC));
    LOG.debugf(
        "compliance history of %s: %d rows written, %d old rows deleted",
        sweep.day(), sweep.written(), sweep.deleted());
  }

  /**
   * Recounts the trend's totals for a range of days, after history was written in bulk (the fleet
   * generator does the same in SQL).
   */
  @Transactional
  public void recount(LocalDate from, LocalDate to) {
    store.recount(from, to);
  }

  @Transactional
  public Sweep sweep(LocalDate today) {
    int written = store.snapshot(today);
    // Yesterday too: the policy worker may have written its last rows after the previous sweep.
    store.recount(today.minusDays(1), today);
    long keepDays = Math.max(1, config.history().retention().toDays());
    int deleted = store.deleteBefore(today.minusDays(keepDays));
    store.dropEmptyCounts();
    return new Sweep(today, written, deleted);
  }
}
