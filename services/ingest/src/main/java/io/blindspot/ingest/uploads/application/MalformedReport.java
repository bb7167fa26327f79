package io.blindspot.ingest.uploads.application;

import io.blindspot.core.packages.PackageFormatException;

/**
 * The upload decoded fine but its content is malformed: names the file or archive entry (or JSON
 * pointer) and the 1-based line where known, as the parser reported them.
 */
public final class MalformedReport extends RuntimeException {

  private final String entry;
  private final int line;

  public MalformedReport(PackageFormatException cause) {
    super(cause.getMessage(), cause);
    this.entry = cause.entry();
    this.line = cause.line();
  }

  /** The file, archive entry or JSON pointer; null for a single-file format. */
  public String entry() {
    return entry;
  }

  /** The 1-based line, 0 when the problem is not tied to a line. */
  public int line() {
    return line;
  }
}
