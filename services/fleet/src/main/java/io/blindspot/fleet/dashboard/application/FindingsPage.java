package io.blindspot.fleet.dashboard.application;

import java.util.List;

/**
 * A page of the fleet's findings.
 *
 * @param page 1-based
 * @param hasNext true when another page follows
 * @param policies every policy name, for the filter
 */
public record FindingsPage(
    List<Finding> findings, int page, boolean hasNext, List<String> policies) {

  public boolean hasPrevious() {
    return page > 1;
  }

  public int previousPage() {
    return page - 1;
  }

  public int nextPage() {
    return page + 1;
  }
}
