package io.blindspot.core.coverage;

/**
 * Which paths the newest snapshot of a job really holds (from an uploaded listing). A listing is
 * checked for the paths of interest when it arrives; paths that became interesting later are not
 * known to it.
 */
public interface SnapshotListing {

  /** Whether the listing was checked for this path (a trailing "/" marks a directory). */
  boolean knows(String path);

  /** Whether the listing has an entry for the path; meaningful only when {@link #knows}. */
  boolean contains(String path);
}
