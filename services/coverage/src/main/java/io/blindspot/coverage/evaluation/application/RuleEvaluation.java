package io.blindspot.coverage.evaluation.application;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The rule playground: evaluates a job's rules against paths, storing nothing. */
@ApplicationScoped
public class RuleEvaluation {

  /** The verdicts of every path, in input order, and what the rules cannot account for. */
  public Outcome evaluate(BackupJob job, List<String> paths, TreeFacts facts)
      throws JobConfigException {
    BackupRules rules = BackupRuleEngines.compile(job);
    return new Outcome(rules.evaluate(paths, facts), rules.caveats());
  }

  /** Every rule considered for one path, in order, and which matched. */
  public Explained explain(BackupJob job, String path, TreeFacts facts) throws JobConfigException {
    BackupRules rules = BackupRuleEngines.compile(job);
    return new Explained(rules.explain(path, facts), rules.caveats());
  }

  public record Outcome(List<Verdict> verdicts, List<Caveat> caveats) {}

  public record Explained(RuleTrace trace, List<Caveat> caveats) {}
}
