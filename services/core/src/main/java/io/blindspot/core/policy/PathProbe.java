package io.blindspot.core.policy;

import io.blindspot.core.backup.RuleRef;
import java.util.List;

/**
 * Evaluates an arbitrary path against a server's jobs, for requirements about a path that is not
 * one of the coverage document's assets.
 */
public interface PathProbe {

  /** Each job's verdict on the path, in the jobs' order. */
  List<ProbeVerdict> probe(String path);

  /** A server without jobs: nothing keeps anything. */
  PathProbe NONE = path -> List.of();

  /**
   * One job's verdict.
   *
   * @param error set when the job could not be compiled (its verdict is then unknown: excluded)
   */
  record ProbeVerdict(
      String job, boolean included, String reason, RuleRef rule, String ancestor, String error) {}
}
