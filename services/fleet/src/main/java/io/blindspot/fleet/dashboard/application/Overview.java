package io.blindspot.fleet.dashboard.application;

import java.time.Instant;
import java.util.List;

/**
 * The fleet at a glance.
 *
 * @param servers every server known
 * @param readiness servers per readiness, NOT_EVALUATED last
 * @param heatMap the worst servers first
 * @param blindSpots the paths most often uncovered across the fleet
 * @param staleJobs the jobs whose newest success is too old, oldest first
 * @param staleJobCount every such job (staleJobs may be a part)
 * @param staleAfter the threshold, as ISO-8601 ("PT26H")
 */
public record Overview(
    long servers,
    List<ReadinessCount> readiness,
    HeatMap heatMap,
    List<BlindSpot> blindSpots,
    List<StaleJob> staleJobs,
    long staleJobCount,
    String staleAfter) {

  public record ReadinessCount(String readiness, long servers) {}

  /**
   * One page of the servers × asset-kind heat map.
   *
   * @param page 1-based
   * @param total servers matching the filter
   */
  public record HeatMap(
      List<String> kinds, List<HeatRow> rows, int page, int pageSize, long total, String host) {

    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return (long) page * pageSize < total;
    }

    public int previousPage() {
      return page - 1;
    }

    public int nextPage() {
      return page + 1;
    }

    public long pages() {
      return Math.max(1, (total + pageSize - 1) / pageSize);
    }
  }

  /** A server and, per asset kind in the order of the heat map's kinds, its worst status. */
  public record HeatRow(String hostname, String readiness, Integer score, List<HeatCell> cells) {}

  /**
   * @param status the worst status among the server's assets of this kind; null when it has none
   * @param gaps assets of this kind that are not covered
   */
  public record HeatCell(String kind, String status, long assets, long gaps) {}

  /** A path no job keeps on {@code servers} servers. */
  public record BlindSpot(String path, String kind, long servers) {}

  public record StaleJob(
      String hostname, String job, String tool, Instant lastSuccess, String lastStatus) {}

  /** The readinesses in the order the overview shows them. */
  public static final List<String> READINESS_ORDER =
      List.of("READY", "AT_RISK", "NOT_RESTORABLE", "NOT_EVALUATED");

  public static Instant staleCutoff(Instant now, java.time.Duration staleAfter) {
    return now.minus(staleAfter);
  }
}
