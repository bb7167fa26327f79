package io.blindspot.ingest.uploads.application;

/**
 * The kinds of report an agent uploads; the value is what {@code uploads.kind} and friends hold.
 */
public enum ReportKind {
  INVENTORY("inventory"),
  PACKAGES("packages");

  private final String id;

  ReportKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
