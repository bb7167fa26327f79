package io.blindspot.ingest.backups.application;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The job descriptors are not what {@code PUT /api/v1/agent/backups} takes: each violation names
 * the field as a path into the uploaded array ({@code [2].command}).
 */
public final class InvalidBackupJobs extends RuntimeException {

  /** One offending field. */
  public record Violation(String field, String message) {}

  private final List<Violation> violations;

  public InvalidBackupJobs(List<Violation> violations) {
    super(
        violations.stream()
            .map(v -> v.field() + ": " + v.message())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
