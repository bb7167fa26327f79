package io.blindspot.fleet.policies.application;

import java.util.List;

/** The audit trail: appended to, never changed. */
public interface AuditStore {

  /** Appends a row; before and after are JSON-serialisable (null when there is none). */
  void append(
      String actor, String entity, String entityId, String action, Object before, Object after);

  /** Newest first, below {@code beforeId} when given. */
  List<AuditEntry> page(String entity, String entityId, Long beforeId, int limit);
}
