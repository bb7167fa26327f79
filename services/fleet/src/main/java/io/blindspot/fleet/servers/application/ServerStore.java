package io.blindspot.fleet.servers.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where servers are kept; implemented by the persistence package. */
public interface ServerStore {

  /**
   * Up to {@code limit} servers matching {@code filter}, by hostname, after {@code afterHostname}.
   */
  List<Server> find(ServerFilter filter, String afterHostname, int limit);

  /**
   * Up to {@code limit} servers matching {@code filter}, by coverage score (lowest first, servers
   * not evaluated yet last) then hostname, after {@code after}.
   */
  List<Server> findByScore(ServerFilter filter, ScoreKey after, int limit);

  Optional<Server> byHostname(String hostname);

  /** Report kind → current report. */
  Map<String, Report> reports(UUID serverId);

  /** The current inventory's {@code mounts} and {@code services}; empty lists when absent. */
  InventoryFacts inventoryFacts(UUID serverId);

  /** The server's labels, locked against concurrent changes until the transaction ends. */
  Optional<Map<String, String>> lockLabels(String hostname);

  void replaceLabels(String hostname, Map<String, String> labels);

  /** Deletes the server and, by cascade, everything it reported; false when unknown. */
  boolean delete(String hostname);

  /** What the summary shows of the current inventory. */
  record InventoryFacts(List<Object> mounts, List<Object> services) {}
}
