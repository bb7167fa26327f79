package io.blindspot.core.backup;

/**
 * Where a rule comes from, so an operator can find and fix it.
 *
 * @param file the config or pattern file ("/etc/backup/excludes"), or "command line"
 * @param line 1-based line in that file, or the argv index for the command line; 0 when unknown
 * @param text the rule as written ("/var/db", "--exclude=/proc")
 */
public record RuleRef(String file, int line, String text) {
  public static final String COMMAND_LINE = "command line";
}
