package io.blindspot.fleet.findings.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.OutputStream;
import java.util.List;

/** Lists the fleet's failing requirements, a page at a time or all of them for an export. */
@ApplicationScoped
public class Findings {

  private final FindingStore store;

  public Findings(FindingStore store) {
    this.store = store;
  }

  /** One page; {@code more} says whether a next page exists. */
  public record Page(List<Finding> items, boolean more) {}

  @Transactional
  public Page list(FindingFilter filter, FindingSort sort, FindingKey after, int limit) {
    // One row more than asked tells whether there is a next page without a count query.
    List<Finding> rows = store.find(filter, sort, after, limit + 1);
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  /** Every matching finding as CSV records, streamed while the transaction runs. */
  @Transactional
  public void exportCsv(FindingFilter filter, FindingSort sort, OutputStream out) {
    store.exportCsv(filter, sort, out);
  }
}
