package io.blindspot.core.backup.listing;

import java.io.IOException;

/** A listing line that cannot be read; names the 1-based line. */
public final class ListingFormatException extends IOException {
  private final long line;

  public ListingFormatException(long line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  public long line() {
    return line;
  }
}
