package io.blindspot.core.coverage;

import java.util.List;

/**
 * A fix in the tool's own syntax, checked with the same rule engine before it is offered.
 *
 * @param job the job to change
 * @param summary what to do, in a sentence
 * @param changes the edits, in order
 * @param verified true when the engine confirmed the asset is kept once the edits are applied
 */
public record Remediation(String job, String summary, List<Change> changes, boolean verified) {

  /**
   * One edit.
   *
   * @param file the file to edit ("command line" for the job's argv), or a new file to create
   * @param action remove-line, insert-before, replace-line, remove-argument, add-argument,
   *     create-file
   * @param line 1-based line (argv index for the command line); 0 when not tied to a line
   * @param text the line(s) to insert or the content to create; for removals, the text removed
   */
  public record Change(String file, String action, int line, String text) {}
}
