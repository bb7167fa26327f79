package io.blindspot.ingest.inventory.application;

import java.util.UUID;

/** Where inventory snapshots go, and the server columns denormalised from the current one. */
public interface InventorySnapshots {

  /** Stores an immutable snapshot and answers its id. */
  long insert(UUID serverId, long uploadId, String canonicalJson);

  /**
   * Copies what the fleet filters on from the now-current inventory onto the server row: OS,
   * family, kernel, architecture and the agent's labels.
   */
  void describeServer(UUID serverId, Inventory inventory, String osFamily, String agentLabelsJson);
}
