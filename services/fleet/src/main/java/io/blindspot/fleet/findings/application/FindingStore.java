package io.blindspot.fleet.findings.application;

import java.util.List;
import java.util.function.Consumer;

/** Where findings are read; implemented by the persistence package. */
public interface FindingStore {

  /**
   * Up to {@code limit} findings matching {@code filter} in {@code sort} order after {@code after}.
   */
  List<Finding> find(FindingFilter filter, FindingSort sort, FindingKey after, int limit);

  /**
   * Every finding matching {@code filter}, in {@code sort} order, handed to {@code sink} one at a
   * time as the database returns them (a cursor, never the whole result in memory).
   */
  void forEach(FindingFilter filter, FindingSort sort, Consumer<Finding> sink);
}
