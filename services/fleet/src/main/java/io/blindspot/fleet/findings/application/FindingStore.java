package io.blindspot.fleet.findings.application;

import java.io.OutputStream;
import java.util.List;

/** Where findings are read; implemented by the persistence package. */
public interface FindingStore {

  /**
   * Up to {@code limit} findings matching {@code filter} in {@code sort} order after {@code after}.
   */
  List<Finding> find(FindingFilter filter, FindingSort sort, FindingKey after, int limit);

  /**
   * Every finding matching {@code filter}, in {@code sort} order, written to {@code out} as CSV
   * records (RFC 4180, CRLF) with the columns of the findings export, streamed as the database
   * produces them.
   */
  void exportCsv(FindingFilter filter, FindingSort sort, OutputStream out);
}
