package io.blindspot.fleet.servers.application;

import io.blindspot.fleet.labels.Labels;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lists, shows, relabels and removes the fleet's servers. */
@ApplicationScoped
public class ServerCatalog {

  private final ServerStore store;

  public ServerCatalog(ServerStore store) {
    this.store = store;
  }

  /** One page of servers, by hostname; {@code more} says whether a next page exists. */
  public record Page(List<Server> items, boolean more) {}

  @Transactional
  public Page list(ServerFilter filter, String afterHostname, int limit) {
    // One row more than asked tells whether there is a next page without a count query.
    List<Server> rows = store.find(filter, afterHostname, limit + 1);
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  /** One page of servers by coverage score, lowest first, then hostname. */
  @Transactional
  public Page listByScore(ServerFilter filter, ScoreKey after, int limit) {
    List<Server> rows = store.findByScore(filter, after, limit + 1);
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  @Transactional
  public ServerDetails show(String hostname) {
    return details(hostname);
  }

  private ServerDetails details(String hostname) {
    Server server = store.byHostname(hostname).orElseThrow(() -> unknown(hostname));
    ServerStore.InventoryFacts inventory = store.inventoryFacts(server.serverId());
    return new ServerDetails(
        server, store.reports(server.serverId()), inventory.mounts(), inventory.services());
  }

  /**
   * Applies a JSON merge patch (RFC 7396) to the operator's labels: a value sets the label, null
   * removes it; returns the server as it is afterwards.
   */
  @Transactional
  public ServerDetails relabel(String hostname, Map<String, String> patch) {
    Labels.check("labels", patch);
    Map<String, String> labels =
        new TreeMap<>(store.lockLabels(hostname).orElseThrow(() -> unknown(hostname)));
    patch.forEach(
        (key, value) -> {
          if (value == null) {
            labels.remove(key);
          } else {
            labels.put(key, value);
          }
        });
    if (labels.size() > Labels.MAX_LABELS) {
      throw new InvalidParameter(
          "labels", "a server carries at most " + Labels.MAX_LABELS + " labels");
    }
    store.replaceLabels(hostname, labels);
    return details(hostname);
  }

  @Transactional
  public void remove(String hostname) {
    if (!store.delete(hostname)) {
      throw unknown(hostname);
    }
  }

  static NotFound unknown(String hostname) {
    return new NotFound("no server with hostname '" + hostname + "'");
  }
}
