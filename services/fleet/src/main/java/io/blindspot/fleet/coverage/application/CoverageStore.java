package io.blindspot.fleet.coverage.application;

import io.blindspot.core.coverage.CoverageDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the coverage service keeps its results; implemented by persistence. */
public interface CoverageStore {

  Optional<UUID> serverId(String hostname);

  /** The current report (server_coverage → coverage_reports); empty before the first evaluation. */
  Optional<StoredCoverage> current(UUID serverId);

  /** Up to {@code limit} history entries, newest first, older than {@code beforeReportId}. */
  List<CoverageHistoryEntry> history(UUID serverId, Long beforeReportId, int limit);

  /**
   * The current report as stored.
   *
   * @param evaluatedAt the latest evaluation (the report row keeps the first that had this outcome)
   */
  record StoredCoverage(long reportId, Instant evaluatedAt, CoverageDocument document) {}
}
