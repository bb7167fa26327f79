package io.blindspot.ingest.uploads.application;

import java.util.Optional;
import java.util.UUID;

/**
 * What every kind of report shares in the database: the raw uploads, the "current snapshot" pointer
 * per server and kind with the SHA-256 that makes re-uploads idempotent, and last-seen times.
 */
public interface ReportLedger {

  /**
   * The snapshot currently in force for a server and kind, and the digest of the body behind it.
   */
  record CurrentReport(long snapshotId, byte[] sha256) {}

  /**
   * The idempotent fast path: when the current report of this kind has this digest, marks server
   * and report as seen now and answers true; otherwise changes nothing and answers false.
   */
  boolean touchIfUnchanged(UUID serverId, ReportKind kind, byte[] sha256);

  /**
   * Serialises writers of one server until the end of the transaction and answers its current
   * report of this kind. Must run inside a transaction.
   */
  Optional<CurrentReport> lockCurrent(UUID serverId, ReportKind kind);

  /** Stores a raw upload and answers its id. */
  long storeUpload(
      UUID serverId,
      ReportKind kind,
      String contentType,
      byte[] sha256,
      long sizeBytes,
      byte[] bodyGzip);

  /** Makes a snapshot the current one of its kind and marks server and report as seen now. */
  void makeCurrent(UUID serverId, ReportKind kind, long snapshotId, byte[] sha256);

  /** Deletes the raw uploads of this kind beyond the newest {@code keep}. */
  void pruneUploads(UUID serverId, ReportKind kind, int keep);
}
