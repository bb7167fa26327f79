package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.world.AssetKind;
import io.blindspot.fleet.FleetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The overview page: readiness, the heat map of the worst servers, blind spots, stale jobs. */
@ApplicationScoped
public class FleetOverview {

  static final int BLIND_SPOTS = 10;
  static final int STALE_JOBS = 15;
  static final List<String> KINDS = Arrays.stream(AssetKind.values()).map(AssetKind::id).toList();

  private final DashboardStore store;
  private final FleetConfig config;

  public FleetOverview(DashboardStore store, FleetConfig config) {
    this.store = store;
    this.config = config;
  }

  @Transactional
  public Overview overview() {
    Instant cutoff = Instant.now().minus(config.dashboard().staleAfter());
    List<Overview.ReadinessCount> counts = store.readinessCounts();
    List<Overview.ReadinessCount> ordered =
        Overview.READINESS_ORDER.stream()
            .map(
                r ->
                    counts.stream()
                        .filter(c -> c.readiness().equals(r))
                        .findFirst()
                        .orElse(new Overview.ReadinessCount(r, 0)))
            .toList();
    long servers = ordered.stream().mapToLong(Overview.ReadinessCount::servers).sum();
    return new Overview(
        servers,
        ordered,
        heatMap(null, 1, servers),
        store.blindSpots(BLIND_SPOTS),
        store.staleJobs(cutoff, STALE_JOBS),
        store.staleJobCount(cutoff),
        config.dashboard().staleAfter().toString());
  }

  /** One page (1-based) of the heat map, optionally only the hostnames with a prefix. */
  @Transactional
  public Overview.HeatMap servers(String hostPrefix, int page) {
    String prefix = hostPrefix == null || hostPrefix.isBlank() ? null : hostPrefix.strip();
    return heatMap(prefix, Math.max(1, page), store.serverCount(prefix));
  }

  private Overview.HeatMap heatMap(String prefix, int page, long total) {
    int size = config.dashboard().heatMapRows();
    List<Overview.HeatRow> rows =
        store.heatMap(
            KINDS, prefix, (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size), size);
    return new Overview.HeatMap(KINDS, rows, page, size, total, prefix);
  }
}
