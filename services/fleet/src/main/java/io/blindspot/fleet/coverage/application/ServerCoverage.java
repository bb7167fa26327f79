package io.blindspot.fleet.coverage.application;

import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** One server's coverage: the current report and its history. */
@ApplicationScoped
public class ServerCoverage {

  private final CoverageStore store;

  public ServerCoverage(CoverageStore store) {
    this.store = store;
  }

  /** One page of history, newest first; {@code more} says whether older reports exist. */
  public record HistoryPage(List<CoverageHistoryEntry> items, boolean more) {}

  /**
   * The current report, its assets narrowed to {@code filter}, stamped with the latest evaluation
   * time (the stored report keeps the first time its outcome was seen).
   */
  @Transactional
  public CoverageDocument current(String hostname, AssetFilter filter) {
    CoverageStore.StoredCoverage stored =
        store
            .current(serverId(hostname))
            .orElseThrow(
                () ->
                    new NotFound(
                        "coverage of server '"
                            + hostname
                            + "' has not been evaluated yet; it is computed after the agent's"
                            + " uploads (inventory, packages, backup jobs)"));
    CoverageDocument d = stored.document();
    return new CoverageDocument(
        d.server() == null ? hostname : d.server(),
        d.readiness(),
        d.score(),
        stored.evaluatedAt(),
        d.reasons() == null ? List.of() : d.reasons(),
        d.assets() == null ? List.of() : d.assets().stream().filter(filter::matches).toList(),
        d.drift(),
        d.driftNote(),
        d.worldCheck() == null ? List.of() : d.worldCheck(),
        d.jobErrors() == null ? List.of() : d.jobErrors());
  }

  @Transactional
  public HistoryPage history(String hostname, Long beforeReportId, int limit) {
    List<CoverageHistoryEntry> rows = store.history(serverId(hostname), beforeReportId, limit + 1);
    boolean more = rows.size() > limit;
    return new HistoryPage(more ? rows.subList(0, limit) : rows, more);
  }

  private UUID serverId(String hostname) {
    return store
        .serverId(hostname)
        .orElseThrow(() -> new NotFound("no server with hostname '" + hostname + "'"));
  }
}
