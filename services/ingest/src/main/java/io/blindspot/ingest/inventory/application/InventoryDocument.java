package io.blindspot.ingest.inventory.application;

/**
 * A validated inventory upload.
 *
 * @param inventory the fields this service validates and denormalises
 * @param json the whole document as sent (compact), unknown fields included, for the snapshot
 */
public record InventoryDocument(Inventory inventory, String json) {}
