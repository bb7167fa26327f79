package io.blindspot.core.backup;

import java.time.Instant;

/**
 * The newest run of a job the agent knows of.
 *
 * @param status success, failure, partial or running
 * @param snapshot the tool's name for what the run produced (dirvish image, restic snapshot id)
 */
public record LastRun(Instant startedAt, Instant finishedAt, String status, String snapshot) {}
