package io.blindspot.core.coverage;

/** Which paths the newest snapshot of a job really holds (from an uploaded listing). */
public interface SnapshotListing {

  /** Whether the listing has an entry for the path (a trailing "/" marks a directory). */
  boolean contains(String path);
}
