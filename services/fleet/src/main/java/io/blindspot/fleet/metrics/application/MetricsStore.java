package io.blindspot.fleet.metrics.application;

/** Reads the fleet-wide numbers behind the gauges; implemented by the persistence package. */
public interface MetricsStore {

  /** A handful of aggregate queries, whatever the fleet's size: never one per server. */
  FleetSnapshot snapshot();
}
