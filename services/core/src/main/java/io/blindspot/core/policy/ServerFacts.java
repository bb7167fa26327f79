package io.blindspot.core.policy;

import io.blindspot.core.coverage.CoverageDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What policies are evaluated over: one server as the fleet knows it.
 *
 * @param serverId the server's id, which waivers may name
 * @param coverage the current coverage; null when coverage has not been evaluated yet
 * @param jobs the server's current backup jobs with their newest known success
 * @param probe answers whether a path that is no asset of the coverage is kept by the jobs
 * @param now the instant of the evaluation
 */
public record ServerFacts(
    UUID serverId,
    String hostname,
    Map<String, String> labels,
    String osFamily,
    Set<String> packages,
    CoverageDocument coverage,
    List<JobFacts> jobs,
    PathProbe probe,
    Instant now) {

  public ServerFacts {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    packages = packages == null ? Set.of() : Set.copyOf(packages);
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
    probe = probe == null ? PathProbe.NONE : probe;
  }

  /** A backup job and its newest known success (null when it never succeeded). */
  public record JobFacts(String name, String tool, Instant lastSuccess) {}
}
