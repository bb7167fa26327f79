package io.blindspot.fleet.compliance.api;

import io.blindspot.fleet.compliance.application.FleetSummary;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fleet at a glance, whole and grouped by a label. */
@Schema(name = "FleetSummary")
public record FleetSummaryView(
    @Schema(description = "The label grouped by; null when not grouped", examples = "env")
        String groupBy,
    @Schema(description = "The counts of every server in scope") CountsView total,
    @Schema(
            description =
                "Per value of the groupBy label, by value; servers without the label in"
                    + " \"(none)\"; null when not grouped")
        List<GroupView> groups) {

  /** The counts of one group. */
  @Schema(name = "FleetSummaryCounts")
  public record CountsView(
      @Schema(examples = "10000") long servers,
      @Schema(
              description =
                  "Servers by readiness of their current coverage (UNEVALUATED: none yet)",
              examples =
                  "{\"READY\": 7100, \"AT_RISK\": 1900, \"NOT_RESTORABLE\": 950,"
                      + " \"UNEVALUATED\": 50}")
          Map<String, Long> readiness,
      @Schema(
              description = "Per policy, its results by effective status",
              examples =
                  "{\"package-db-covered\": {\"pass\": 9000, \"fail\": 700, \"waived\": 30,"
                      + " \"not-applicable\": 270}}")
          Map<String, Map<String, Long>> policies,
      @Schema(
              description = "Failing findings (expired waivers included) by severity",
              examples = "{\"critical\": 812, \"high\": 2210, \"medium\": 450, \"low\": 0}")
          Map<String, Long> failingFindings) {

    static CountsView of(FleetSummary.Counts counts) {
      return new CountsView(
          counts.servers(), counts.readiness(), counts.policies(), counts.failingFindings());
    }
  }

  /** One value of the groupBy label and its counts. */
  @Schema(name = "FleetSummaryGroup")
  public record GroupView(@Schema(examples = "prod") String value, CountsView counts) {}

  static FleetSummaryView of(FleetSummary summary) {
    return new FleetSummaryView(
        summary.groupBy(),
        CountsView.of(summary.total()),
        summary.groups() == null
            ? null
            : summary.groups().stream()
                .map(g -> new GroupView(g.value(), CountsView.of(g.counts())))
                .toList());
  }
}
