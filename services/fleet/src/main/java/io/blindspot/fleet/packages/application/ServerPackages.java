package io.blindspot.fleet.packages.application;

import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** One server's packages: the current set and the history of snapshots. */
@ApplicationScoped
public class ServerPackages {

  private final PackageStore store;

  public ServerPackages(PackageStore store) {
    this.store = store;
  }

  /** One page of history, newest first; {@code more} says whether older snapshots exist. */
  public record HistoryPage(List<PackageSnapshotEntry> items, boolean more) {}

  @Transactional
  public PackageSet current(String hostname) {
    UUID serverId = serverId(hostname);
    String json =
        store
            .currentPackageSet(serverId)
            .orElseThrow(
                () -> new NotFound("server '" + hostname + "' has not uploaded its packages yet"));
    try {
      // Read back through core rather than passed through: jsonb reorders keys, and this way the
      // answer is exactly the canonical form whatever PostgreSQL did to the stored text.
      return PackageSetJson.fromJson(json);
    } catch (PackageFormatException e) {
      throw new IllegalStateException(
          "stored package set of " + hostname + " is not canonical: " + e.getMessage(), e);
    }
  }

  @Transactional
  public HistoryPage history(String hostname, Long beforeSnapshotId, int limit) {
    List<PackageSnapshotEntry> rows =
        store.history(serverId(hostname), beforeSnapshotId, limit + 1);
    boolean more = rows.size() > limit;
    return new HistoryPage(more ? rows.subList(0, limit) : rows, more);
  }

  private UUID serverId(String hostname) {
    return store
        .serverId(hostname)
        .orElseThrow(() -> new NotFound("no server with hostname '" + hostname + "'"));
  }
}
