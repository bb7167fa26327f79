package io.blindspot.core.policy;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PathProbe} over stored job descriptors, with each tool's own engine (the same engines
 * the coverage evaluation uses). Jobs are compiled on the first question only, since most servers
 * never need a probe.
 */
public final class JobPathProbe implements PathProbe {

  private final List<BackupJob> jobs;
  private final TreeFacts facts;
  private Map<String, Object> compiled;

  public JobPathProbe(List<BackupJob> jobs, TreeFacts facts) {
    this.jobs = List.copyOf(jobs);
    this.facts = facts == null ? TreeFacts.NONE : facts;
  }

  @Override
  public List<ProbeVerdict> probe(String path) {
    List<ProbeVerdict> verdicts = new ArrayList<>();
    for (Map.Entry<String, Object> job : compiled().entrySet()) {
      if (job.getValue() instanceof BackupRules rules) {
        Verdict v = rules.evaluate(List.of(path), facts).get(0);
        verdicts.add(
            new ProbeVerdict(
                job.getKey(), v.included(), v.reason().id(), v.rule(), v.ancestor(), null));
      } else {
        verdicts.add(
            new ProbeVerdict(
                job.getKey(), false, "job-error", null, null, (String) job.getValue()));
      }
    }
    return verdicts;
  }

  /** Job name to its rules, or to the message of why it does not compile. */
  private synchronized Map<String, Object> compiled() {
    if (compiled == null) {
      compiled = new LinkedHashMap<>();
      for (BackupJob job : jobs) {
        try {
          compiled.put(job.name(), BackupRuleEngines.compile(job));
        } catch (JobConfigException | RuntimeException e) {
          compiled.put(job.name(), String.valueOf(e.getMessage()));
        }
      }
    }
    return compiled;
  }
}
