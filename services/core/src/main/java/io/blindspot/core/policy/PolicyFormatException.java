package io.blindspot.core.policy;

/**
 * A policy document that cannot be used: names the field ("requirements[2].maxAge") and, when the
 * document was text, the line it is on.
 */
public class PolicyFormatException extends RuntimeException {

  private final String field;
  private final int line;

  public PolicyFormatException(String field, String problem, int line) {
    super(
        (field == null || field.isEmpty() ? "" : field + ": ")
            + problem
            + (line > 0 ? " (line " + line + ")" : ""));
    this.field = field;
    this.line = line;
  }

  /** The offending field as a path ("selector.labels.env"); "" for the document itself. */
  public String field() {
    return field;
  }

  /** 1-based line in the document, 0 when unknown. */
  public int line() {
    return line;
  }
}
