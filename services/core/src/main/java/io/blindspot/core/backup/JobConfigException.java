package io.blindspot.core.backup;

/**
 * A job that cannot be evaluated: an unknown option (unless the tool itself ignores it), a missing
 * file the command names, a malformed config line. Names the option, file and line.
 */
public final class JobConfigException extends Exception {
  private final String file;
  private final int line;

  public JobConfigException(String file, int line, String message) {
    super(file == null ? message : file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
