package io.blindspot.fleet.policies.application;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The servers whose policy results must be recomputed (table policy_queue). */
public interface PolicyQueue {

  /** Queues every server (again, if queued already); returns how many rows were written. */
  int enqueueAll(String reason);

  /** Queues the servers with a waived result whose waiver has expired since. */
  int enqueueExpiredWaivers();

  /** Takes one due server, locked until the transaction ends (FOR UPDATE SKIP LOCKED). */
  Optional<Claim> claim();

  /** Removes the server from the queue unless it was queued again after it was claimed. */
  void complete(Claim claim);

  void retryLater(UUID serverId, Duration baseDelay, String error);

  /** A queue row as it was when claimed. */
  record Claim(UUID serverId, java.time.Instant enqueuedAt) {}
}
