package io.blindspot.fleet.dashboard.application;

import io.blindspot.fleet.FleetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The findings list: what fails across the fleet, filtered, a page at a time. */
@ApplicationScoped
public class FleetFindings {

  private final DashboardStore store;
  private final FleetConfig config;

  public FleetFindings(DashboardStore store, FleetConfig config) {
    this.store = store;
    this.config = config;
  }

  @Transactional
  public FindingsPage page(FindingFilter filter, int page) {
    int size = config.dashboard().findingsPerPage();
    int current = Math.max(1, page);
    // one more row than shown says whether a next page exists, without counting them all
    List<Finding> rows =
        store.findings(
            filter, (int) Math.min(Integer.MAX_VALUE, (long) (current - 1) * size), size + 1);
    boolean hasNext = rows.size() > size;
    return new FindingsPage(
        hasNext ? rows.subList(0, size) : rows, current, hasNext, store.policyNames());
  }
}
