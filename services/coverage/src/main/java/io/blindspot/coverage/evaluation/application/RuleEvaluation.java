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
import java.util.Optional;

/** The rule playground: evaluates a job's rules against paths, storing nothing. */
@ApplicationScoped
public class RuleEvaluation {

  private final StoredJobs storedJobs;

  RuleEvaluation(StoredJobs storedJobs) {
    this.storedJobs = storedJobs;
  }

  /**
   * Explains one path for a job an agent uploaded, with its server's mounts.
   *
   * @return empty when the server or its job is unknown
   */
  public Optional<Explained> explainStored(String hostname, String job, String path)
      throws JobConfigException {
    Optional<StoredJobs.StoredJob> stored = storedJobs.find(hostname, job);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    TreeFacts facts = new TreeFacts(stored.get().filesystems(), null, null);
    return Optional.of(explain(stored.get().job(), path, facts));
  }

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
