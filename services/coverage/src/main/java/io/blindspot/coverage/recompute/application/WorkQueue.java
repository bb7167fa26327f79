package io.blindspot.coverage.recompute.application;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The coverage work queue in PostgreSQL. {@link #claim} locks one due row FOR UPDATE SKIP LOCKED in
 * the caller's transaction, so several workers (in one or many instances) never take the same
 * server, and a producer enqueueing that server meanwhile waits for the worker and then queues it
 * again.
 */
public interface WorkQueue {

  Optional<UUID> claim();

  void complete(UUID serverId);

  void retryLater(UUID serverId, Duration baseDelay, String error);

  void enqueue(UUID serverId, String reason);

  /** Enqueues every server (after a knowledge-base change); returns how many. */
  int enqueueAll(String reason);

  /**
   * Enqueues the servers whose status may have turned stale since their last evaluation: a job's
   * last success crossed the maximum age.
   */
  int enqueueAgedOut(Duration maxAge);
}
