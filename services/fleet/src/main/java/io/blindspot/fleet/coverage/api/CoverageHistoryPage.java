package io.blindspot.fleet.coverage.api;

import io.blindspot.fleet.coverage.application.CoverageHistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a server's coverage history, newest first. */
@Schema(name = "CoverageHistoryPage")
public record CoverageHistoryPage(
    List<Item> items,
    @Schema(description = "Pass as `after` for older reports; null on the last page") String next) {

  /** One evaluation whose outcome differed from the previous one. */
  @Schema(name = "CoverageHistoryItem")
  public record Item(
      @Schema(examples = "4711") long reportId,
      @Schema(description = "When this outcome was first seen", examples = "2026-11-24T03:15:02Z")
          Instant evaluatedAt,
      @Schema(
              enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"},
              examples = "NOT_RESTORABLE")
          String readiness,
      @Schema(examples = "12") int score,
      @Schema(
              description = "Assets by status, every status present",
              examples =
                  "{\"covered\": 41, \"verified\": 0, \"partial\": 1, \"stale\": 0,"
                      + " \"missing-from-snapshot\": 0, \"uncovered\": 3}")
          Map<String, Long> counts,
      @Schema(description = "Whether this is the current report", examples = "true")
          boolean current) {

    static Item of(CoverageHistoryEntry e) {
      return new Item(
          e.reportId(), e.evaluatedAt(), e.readiness(), e.score(), e.counts(), e.current());
    }
  }
}
