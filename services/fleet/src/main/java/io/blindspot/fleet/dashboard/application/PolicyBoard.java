package io.blindspot.fleet.dashboard.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The policies and waivers pages (read-only). */
@ApplicationScoped
public class PolicyBoard {

  private final DashboardStore store;

  public PolicyBoard(DashboardStore store) {
    this.store = store;
  }

  @Transactional
  public List<PolicySummary> policies() {
    return store.policies();
  }

  @Transactional
  public List<WaiverEntry> waivers(boolean all) {
    return store.waivers(all);
  }
}
