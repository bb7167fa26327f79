package io.blindspot.ingest.coverage.application;

import java.util.UUID;

/**
 * The coverage service's work queue, as producers see it: every stored upload that can change a
 * server's coverage asks for a recomputation, in the transaction that stores it, so the request is
 * made exactly when the upload is committed. Unchanged uploads ask for nothing.
 */
public interface CoverageQueue {

  /**
   * Asks for the server's coverage to be recomputed. One row per server: a burst of uploads makes
   * one job, stamped with the newest enqueue time and reason. Must run inside a transaction.
   *
   * @param reason why, for the operator ("packages uploaded")
   */
  void enqueue(UUID serverId, String reason);
}
