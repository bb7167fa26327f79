package io.blindspot.fleet.compliance.application;

import java.time.Instant;

/** A backup job whose newest success is too old, or that never succeeded. */
public record StaleJob(
    String hostname,
    String job,
    String tool,
    String schedule,
    Instant lastSuccessAt,
    String lastStatus,
    Instant lastFinishedAt) {}
