package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.BaselinePolicies;
import io.blindspot.core.policy.Policy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Seeds the baseline policies at start, so a new installation answers without configuration. A
 * baseline policy an operator changed or disabled is left as it is (insert only when absent).
 */
@ApplicationScoped
public class BaselineSeeding {

  static final String ACTOR = "blindspot";
  static final String REASON = "baseline policies seeded";
  private static final Logger LOG = Logger.getLogger(BaselineSeeding.class);

  private final PolicyStore store;
  private final AuditStore audit;
  private final PolicyQueue queue;

  BaselineSeeding(PolicyStore store, AuditStore audit, PolicyQueue queue) {
    this.store = store;
    this.audit = audit;
    this.queue = queue;
  }

  @Transactional
  void seed(@Observes StartupEvent event) {
    int seeded = 0;
    for (Policy policy : BaselinePolicies.load()) {
      if (store.insert(policy, true)) {
        seeded++;
        StoredPolicy stored = store.find(policy.name()).orElseThrow();
        audit.append(
            ACTOR,
            PolicyCatalog.ENTITY,
            policy.name(),
            "create",
            null,
            PolicyCatalog.auditForm(stored));
      }
    }
    if (seeded > 0) {
      int queued = queue.enqueueAll(REASON);
      LOG.infof("seeded %d baseline policies; %d servers queued for evaluation", seeded, queued);
    }
  }
}
