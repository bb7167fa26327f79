package io.blindspot.ingest.uploads.application;

/**
 * The kinds of report an agent uploads; the value is what {@code uploads.kind} and friends hold.
 */
public enum ReportKind {
  INVENTORY("inventory"),
  PACKAGES("packages"),
  /** The job descriptors ({@code PUT /api/v1/agent/backups}). */
  BACKUPS("backups"),
  /**
   * A job's snapshot listing; its current pointer is per job, under {@code listing:<job>} (see
   * {@link #listingOf(String)}).
   */
  LISTING("listing");

  private final String id;

  ReportKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The {@code server_reports.kind} of one job's listing. */
  public static String listingOf(String job) {
    return LISTING.id + ":" + job;
  }
}
