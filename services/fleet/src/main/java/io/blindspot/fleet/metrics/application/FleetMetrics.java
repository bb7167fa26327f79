package io.blindspot.fleet.metrics.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reads one consistent snapshot of the fleet for the gauges. */
@ApplicationScoped
public class FleetMetrics {

  private final MetricsStore store;

  public FleetMetrics(MetricsStore store) {
    this.store = store;
  }

  // One read-only transaction: the counts all describe the same moment.
  @Transactional
  public FleetSnapshot snapshot() {
    return store.snapshot();
  }
}
