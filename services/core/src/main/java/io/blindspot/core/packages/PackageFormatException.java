package io.blindspot.core.packages;

/**
 * Malformed native input. Names where: the file or archive entry (may be null for a single-file
 * format) and the 1-based line (0 when the problem is not tied to a line).
 */
public final class PackageFormatException extends Exception {
  private final String entry;
  private final int line;

  public PackageFormatException(String entry, int line, String message) {
    super(describe(entry, line, message));
    this.entry = entry;
    this.line = line;
  }

  public String entry() {
    return entry;
  }

  public int line() {
    return line;
  }

  private static String describe(String entry, int line, String message) {
    StringBuilder where = new StringBuilder();
    if (entry != null) {
      where.append(entry);
    }
    if (line > 0) {
      where.append(where.isEmpty() ? "line " : ":").append(line);
    }
    return where.isEmpty() ? message : where + ": " + message;
  }
}
