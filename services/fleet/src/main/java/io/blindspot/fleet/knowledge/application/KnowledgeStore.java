package io.blindspot.fleet.knowledge.application;

import io.blindspot.core.world.ServiceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where operator service entries are kept, and the coverage work queue; implemented by persistence.
 */
public interface KnowledgeStore {

  /** Every operator entry, by id. */
  List<StoredEntry> operatorEntries();

  Optional<StoredEntry> operatorEntry(String id);

  /** Inserts or replaces the entry; true when it did not exist. */
  boolean save(ServiceEntry entry);

  /** False when there was no operator entry of that id. */
  boolean delete(String id);

  /** Queues every server for a coverage recompute; returns how many were queued. */
  int enqueueAllServers(String reason);

  /** An operator entry and when it last changed. */
  record StoredEntry(ServiceEntry entry, Instant updatedAt) {}
}
