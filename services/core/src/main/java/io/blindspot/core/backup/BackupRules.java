package io.blindspot.core.backup;

import java.util.List;

/** A job's rules, compiled once, evaluated against many paths. Immutable and thread-safe. */
public interface BackupRules {

  /** Verdicts for the given paths, in input order. A path ending in "/" is a directory. */
  List<Verdict> evaluate(List<String> paths, TreeFacts facts);

  /** Every rule considered for one path, in order, and which matched. */
  RuleTrace explain(String path, TreeFacts facts);

  /** What the verdicts cannot account for (size or time filters). */
  List<Caveat> caveats();

  /** The source roots the job backs up, as absolute paths. */
  List<String> sources();
}
