package io.blindspot.fleet.compliance.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet at a glance: servers by readiness, each policy's results by effective status, failing
 * findings by severity; for the whole scope and, when grouped, per value of the label.
 */
public record FleetSummary(String groupBy, Counts total, List<Group> groups) {

  public static final List<String> READINESS =
      List.of("READY", "AT_RISK", "NOT_RESTORABLE", "UNEVALUATED");
  public static final List<String> STATUSES = List.of("pass", "fail", "waived", "not-applicable");
  public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  /** The counts of one group (or of the whole scope). */
  public record Counts(
      long servers,
      Map<String, Long> readiness,
      Map<String, Map<String, Long>> policies,
      Map<String, Long> failingFindings) {}

  /** The counts of the servers whose label has this value. */
  public record Group(String value, Counts counts) {}

  static FleetSummary of(String groupBy, List<SummaryCount> rows) {
    Builder total = new Builder();
    Map<String, Builder> groups = new TreeMap<>();
    for (SummaryCount row : rows) {
      total.add(row);
      if (groupBy != null) {
        groups.computeIfAbsent(row.group(), g -> new Builder()).add(row);
      }
    }
    List<Group> grouped = new ArrayList<>();
    groups.forEach((value, counts) -> grouped.add(new Group(value, counts.build())));
    return new FleetSummary(groupBy, total.build(), groupBy == null ? null : grouped);
  }

  private static final class Builder {
    private final Map<String, Long> readiness = zeros(READINESS);
    private final Map<String, Map<String, Long>> policies = new TreeMap<>();
    private final Map<String, Long> severities = zeros(SEVERITIES);

    void add(SummaryCount row) {
      switch (row.section()) {
        case READINESS -> readiness.merge(row.key(), row.count(), Long::sum);
        case POLICY ->
            policies
                .computeIfAbsent(row.key(), p -> zeros(STATUSES))
                .merge(row.status(), row.count(), Long::sum);
        case SEVERITY -> severities.merge(row.key(), row.count(), Long::sum);
      }
    }

    Counts build() {
      long servers = readiness.values().stream().mapToLong(Long::longValue).sum();
      return new Counts(servers, readiness, policies, severities);
    }

    private static Map<String, Long> zeros(List<String> keys) {
      Map<String, Long> map = new LinkedHashMap<>();
      keys.forEach(key -> map.put(key, 0L));
      return map;
    }
  }
}
