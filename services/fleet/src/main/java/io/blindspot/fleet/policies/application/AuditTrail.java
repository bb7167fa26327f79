package io.blindspot.fleet.policies.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads the audit trail; writes happen in the transaction of each change. */
@ApplicationScoped
public class AuditTrail {

  private final AuditStore store;

  public AuditTrail(AuditStore store) {
    this.store = store;
  }

  /** One page, newest first, with one row more than {@code limit} when another page follows. */
  @Transactional
  public List<AuditEntry> page(String entity, String entityId, Long beforeId, int limit) {
    return store.page(entity, entityId, beforeId, limit + 1);
  }
}
