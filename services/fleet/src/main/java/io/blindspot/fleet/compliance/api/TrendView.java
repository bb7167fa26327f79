package io.blindspot.fleet.compliance.api;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Daily compliance counts over a range of days. */
@Schema(name = "ComplianceTrend")
public record TrendView(
    @Schema(description = "The policies counted; empty: all") List<String> policies,
    LocalDate from,
    LocalDate to,
    @Schema(description = "The label grouped by; null when not grouped") String groupBy,
    @Schema(description = "One item per day (and group) that has history") List<Day> items) {

  /** One day's (and group's) results by status. */
  @Schema(name = "ComplianceTrendDay")
  public record Day(
      @Schema(examples = "2026-11-25") LocalDate day,
      @Schema(description = "The groupBy label's value; null when not grouped") String group,
      @Schema(examples = "9000") long pass,
      @Schema(examples = "700") long fail,
      @Schema(examples = "30") long waived,
      @Schema(examples = "270") long notApplicable) {}
}
