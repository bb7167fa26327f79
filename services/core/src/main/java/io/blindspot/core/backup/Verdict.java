package io.blindspot.core.backup;

/**
 * Whether the real tool would store an entry for a path in the snapshot, and why.
 *
 * @param path the evaluated path as given (a trailing "/" marks a directory)
 * @param included true exactly when the tool would store an entry for this path
 * @param reason why
 * @param rule the rule that decided (excluded-by-rule, parent-excluded, excluded-by-marker); null
 *     otherwise
 * @param ancestor for parent-excluded, other-filesystem and excluded-by-marker: the directory that
 *     was excluded, on the other filesystem, or holds the marker; null otherwise
 */
public record Verdict(String path, boolean included, Reason reason, RuleRef rule, String ancestor) {

  public static Verdict included(String path) {
    return new Verdict(path, true, Reason.INCLUDED, null, null);
  }
}
