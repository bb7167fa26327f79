package io.blindspot.ingest.inventory.application;

/** The snapshot an inventory upload became. */
public record StoredInventory(long snapshotId, String osFamily) {}
