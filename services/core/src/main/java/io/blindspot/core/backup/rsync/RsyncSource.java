package io.blindspot.core.backup.rsync;

import java.util.Set;

/**
 * One source as rsync's sender sees it.
 *
 * @param arg the argument as written (remote prefix included)
 * @param argIndex its argv index (or the --files-from line number)
 * @param top the absolute path of the top entry, without trailing '/' ("/" for the root)
 * @param currDir the sender's working directory, names are relative to it ("/" with -R)
 * @param neverExcluded "dir/" and "dir/." forms: rsync never tests the top directory itself
 * @param contents whether the top directory's contents are transferred even without -r
 * @param implied the directories -R creates above the top (absolute, no trailing '/')
 * @param resolvable false when the path is relative (remote home, daemon module): nothing maps
 */
public record RsyncSource(
    String arg,
    int argIndex,
    String top,
    String currDir,
    boolean neverExcluded,
    boolean contents,
    Set<String> implied,
    boolean resolvable) {

  /** Whether {@code abs} (no trailing '/') is the top or below it. */
  public boolean covers(String abs) {
    if (top.equals("/")) {
      return abs.startsWith("/");
    }
    return abs.equals(top)
        || (abs.startsWith(top) && abs.length() > top.length() && abs.charAt(top.length()) == '/');
  }
}
