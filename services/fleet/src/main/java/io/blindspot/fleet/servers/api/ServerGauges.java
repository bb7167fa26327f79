package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.servers.application.FleetCounts;
import io.blindspot.fleet.servers.application.ServerCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The fleet gauges on /q/metrics: {@code blindspot_servers{os_family}} and {@code
 * blindspot_servers_not_seen{threshold="24h"}}.
 *
 * <p>A background thread recounts every 30 s and scrapes read the last count, so a scrape never
 * waits for (or, scraped often, loads) the database, and a database outage leaves the last known
 * values instead of failing the scrape.
 */
@ApplicationScoped
public class ServerGauges {

  static final long REFRESH_SECONDS = 30;
  private static final Logger LOG = Logger.getLogger(ServerGauges.class);

  private final ServerCatalog catalog;
  private final MeterRegistry registry;
  private final AtomicLong notSeen = new AtomicLong();
  private MultiGauge serversByOsFamily;
  private volatile Map<String, Long> serversByFamily = Map.of();
  private ScheduledExecutorService refresher;

  public ServerGauges(ServerCatalog catalog, MeterRegistry registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  void start(@Observes StartupEvent event) {
    serversByOsFamily =
        MultiGauge.builder("blindspot_servers")
            .description("Enrolled servers by os family (unknown before the first inventory)")
            .register(registry);
    Gauge.builder("blindspot_servers_not_seen", notSeen, AtomicLong::get)
        .description("Servers without any upload within the threshold, or never")
        .tags("threshold", "24h")
        .register(registry);
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "blindspot-gauges");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  /** Recounts now; the scheduler calls it, and tests do to avoid waiting. */
  @ActivateRequestContext
  public void refresh() {
    FleetCounts counts = catalog.counts();
    Map<String, Long> families = counts.serversByOsFamily();
    serversByFamily = families;
    // Gauges hold their object weakly: `this` lives as long as the application, a boxed count not.
    List<MultiGauge.Row<?>> rows =
        families.keySet().stream()
            .<MultiGauge.Row<?>>map(
                family ->
                    MultiGauge.Row.of(
                        Tags.of("os_family", family),
                        this,
                        gauges -> gauges.serversByFamily.getOrDefault(family, 0L)))
            .toList();
    serversByOsFamily.register(rows, true); // overwrite: families that vanished disappear
    notSeen.set(counts.notSeen());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warnf("could not recount the fleet gauges, keeping the last values: %s", e.getMessage());
    }
  }
}
