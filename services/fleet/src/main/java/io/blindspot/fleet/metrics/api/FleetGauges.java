package io.blindspot.fleet.metrics.api;

import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.metrics.application.FleetMetrics;
import io.blindspot.fleet.metrics.application.FleetSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * The fleet gauges on /q/metrics, for alerting (deploy/prometheus/blindspot-alerts.yml):
 *
 * <ul>
 *   <li>{@code blindspot_servers{readiness,os_family}}: servers by coverage readiness (READY,
 *       AT_RISK, NOT_RESTORABLE, UNEVALUATED before the first coverage) and os family;
 *   <li>{@code blindspot_policy_failures{policy,severity}}: servers failing each enabled policy (an
 *       expired waiver counts as a failure), 0 included;
 *   <li>{@code blindspot_assets{kind,status}}: assets fleet-wide by kind and coverage status;
 *   <li>{@code blindspot_backup_newest_success_age_seconds{server,backup_job}}: since the job's
 *       newest success; jobs that never succeeded have no age but {@code
 *       blindspot_backup_never_succeeded{server,backup_job} 1} (the label is not "job", which
 *       Prometheus keeps for the scrape job);
 *   <li>{@code blindspot_server_last_seen_age_seconds{server}}: since the server's last upload
 *       (servers that never uploaded have none);
 *   <li>{@code blindspot_servers_not_seen{threshold}}: servers not seen within
 *       blindspot.metrics.not-seen-threshold, or never;
 *   <li>{@code blindspot_metrics_snapshot_age_seconds}: since these were read from the database.
 * </ul>
 *
 * <p>A scheduled snapshot reads them all every blindspot.metrics.refresh (30 s) with a few
 * aggregate queries; scrapes only read memory, so scraping often costs the database nothing and a
 * database outage leaves the last values (and a growing snapshot age). Ages are computed at scrape
 * time from the stored instants. Rows are replaced at each refresh: a removed server or job
 * disappears.
 */
@ApplicationScoped
public class FleetGauges {

  private static final Logger LOG = Logger.getLogger(FleetGauges.class);

  private final FleetMetrics metrics;
  private final MeterRegistry registry;
  private final Duration notSeenThreshold;
  private Table servers;
  private Table policyFailures;
  private Table assets;
  private Table backupAge;
  private Table neverSucceeded;
  private Table lastSeenAge;
  private volatile FleetSnapshot snapshot;

  public FleetGauges(FleetMetrics metrics, MeterRegistry registry, FleetConfig config) {
    this.metrics = metrics;
    this.registry = registry;
    this.notSeenThreshold = config.metrics().notSeenThreshold();
  }

  void start(@Observes StartupEvent event) {
    servers =
        new Table(
            "blindspot_servers",
            "Enrolled servers by coverage readiness (UNEVALUATED before the first) and os family");
    policyFailures =
        new Table(
            "blindspot_policy_failures",
            "Servers failing each enabled policy; an expired waiver counts as a failure");
    assets = new Table("blindspot_assets", "Assets across the fleet by kind and coverage status");
    backupAge =
        new Table(
            "blindspot_backup_newest_success_age_seconds",
            "Seconds since the newest successful run of each backup job");
    neverSucceeded =
        new Table(
            "blindspot_backup_never_succeeded",
            "1 for each backup job without any known successful run");
    lastSeenAge =
        new Table(
            "blindspot_server_last_seen_age_seconds",
            "Seconds since each server's last upload (servers that never uploaded are absent)");
    Gauge.builder("blindspot_servers_not_seen", this, FleetGauges::notSeen)
        .description("Servers without any upload within the threshold, or never")
        .tags("threshold", threshold(notSeenThreshold))
        .register(registry);
    Gauge.builder("blindspot_metrics_snapshot_age_seconds", this, FleetGauges::snapshotAge)
        .description("Seconds since the fleet gauges were last read from the database")
        .register(registry);
    refreshQuietly();
  }

  @Scheduled(
      identity = "fleet-gauges",
      every = "${blindspot.metrics.refresh:PT30S}",
      delayed = "${blindspot.metrics.refresh:PT30S}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledRefresh() {
    refreshQuietly();
  }

  /** Reads a new snapshot now; the scheduler calls it, and tests do to avoid waiting. */
  @ActivateRequestContext
  public void refresh() {
    FleetSnapshot next = metrics.snapshot();
    Map<Tags, DoubleSupplier> byReadiness = new HashMap<>();
    for (FleetSnapshot.ServerCount row : next.servers()) {
      byReadiness.put(
          Tags.of("readiness", row.readiness(), "os_family", row.osFamily()),
          constant(row.count()));
    }
    Map<Tags, DoubleSupplier> failing = new HashMap<>();
    for (FleetSnapshot.PolicyFailures row : next.policyFailures()) {
      failing.put(
          Tags.of("policy", row.policy(), "severity", row.severity()), constant(row.count()));
    }
    Map<Tags, DoubleSupplier> byKind = new HashMap<>();
    for (FleetSnapshot.AssetCount row : next.assets()) {
      byKind.put(Tags.of("kind", row.kind(), "status", row.status()), constant(row.count()));
    }
    Map<Tags, DoubleSupplier> ages = new HashMap<>();
    Map<Tags, DoubleSupplier> never = new HashMap<>();
    for (FleetSnapshot.JobSuccess row : next.backups()) {
      Tags tags = Tags.of("server", row.server(), "backup_job", row.job());
      if (row.newestSuccess() == null) {
        never.put(tags, constant(1));
      } else {
        ages.put(tags, ageOf(row.newestSuccess()));
      }
    }
    Map<Tags, DoubleSupplier> seen = new HashMap<>();
    for (FleetSnapshot.ServerSeen row : next.lastSeen()) {
      if (row.lastSeenAt() != null) {
        seen.put(Tags.of("server", row.server()), ageOf(row.lastSeenAt()));
      }
    }
    snapshot = next;
    servers.replace(byReadiness);
    policyFailures.replace(failing);
    assets.replace(byKind);
    backupAge.replace(ages);
    neverSucceeded.replace(never);
    lastSeenAge.replace(seen);
  }

  private double notSeen() {
    FleetSnapshot current = snapshot;
    if (current == null) {
      return Double.NaN;
    }
    Instant since = Instant.now().minus(notSeenThreshold);
    return current.lastSeen().stream()
        .filter(row -> row.lastSeenAt() == null || row.lastSeenAt().isBefore(since))
        .count();
  }

  private double snapshotAge() {
    FleetSnapshot current = snapshot;
    return current == null ? Double.NaN : secondsSince(current.takenAt());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warnf("could not refresh the fleet gauges, keeping the last values: %s", e.getMessage());
    }
  }

  private static DoubleSupplier constant(double value) {
    return () -> value;
  }

  private static DoubleSupplier ageOf(Instant at) {
    return () -> secondsSince(at);
  }

  private static double secondsSince(Instant at) {
    return Duration.between(at, Instant.now()).toMillis() / 1000.0;
  }

  /** PT24H → "24h", PT90M → "1h30m": the label reads like Prometheus durations. */
  public static String threshold(Duration duration) {
    StringBuilder text = new StringBuilder();
    if (duration.toHours() > 0) {
      text.append(duration.toHours()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0 || text.isEmpty()) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }

  /** One gauge name whose rows (label sets) are replaced wholesale at each refresh. */
  private final class Table {

    private final MultiGauge gauge;
    // Read by scrapes, replaced by refreshes; the gauge rows hold this table, which lives as long
    // as the application (gauges only keep a weak reference to what they measure).
    private volatile Map<Tags, DoubleSupplier> values = Map.of();

    Table(String name, String description) {
      gauge = MultiGauge.builder(name).description(description).register(registry);
    }

    void replace(Map<Tags, DoubleSupplier> next) {
      values = Map.copyOf(next);
      List<MultiGauge.Row<?>> rows =
          next.keySet().stream()
              .<MultiGauge.Row<?>>map(tags -> MultiGauge.Row.of(tags, this, t -> t.value(tags)))
              .toList();
      // Rows already there keep reading this table; new ones are added, vanished ones removed.
      gauge.register(rows, false);
    }

    double value(Tags tags) {
      DoubleSupplier value = values.get(tags);
      return value == null ? Double.NaN : value.getAsDouble();
    }
  }
}
