package io.blindspot.ingest.listings.application;

/** A listing for a job the server's current job descriptors do not name. */
public final class UnknownJob extends RuntimeException {

  public UnknownJob(String job) {
    super(
        "this server has no backup job '"
            + job
            + "'; upload its descriptor with PUT /api/v1/agent/backups first");
  }
}
