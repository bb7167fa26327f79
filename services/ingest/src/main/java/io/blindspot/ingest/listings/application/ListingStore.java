package io.blindspot.ingest.listings.application;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What listings need from the database: the server's current world inputs (to know which paths
 * matter), the per-job current pointer ({@code server_reports} kind {@code listing:<job>}) with its
 * digest, the raw upload streamed from a spool file, and the {@code backup_listings} row.
 */
public interface ListingStore {

  /** Whether the server's current job descriptors name this job. */
  boolean jobExists(UUID serverId, String job);

  /** The canonical JSON of the server's current inventory, if it uploaded one. */
  Optional<String> currentInventory(UUID serverId);

  /** The canonical JSON of the server's current package set, if it uploaded one. */
  Optional<String> currentPackageSet(UUID serverId);

  /** The service knowledge operators added, each entry as JSON. */
  List<String> addedKnowledge();

  /**
   * The idempotent fast path: when the job's current listing has this digest, marks server and
   * report as seen now and answers true; otherwise changes nothing and answers false.
   */
  boolean touchIfUnchanged(UUID serverId, String job, byte[] sha256);

  /**
   * Serialises writers of one server until the end of the transaction and answers the digest of the
   * job's current listing. Must run inside a transaction.
   */
  Optional<byte[]> lockCurrent(UUID serverId, String job);

  /** Stores the raw upload, streaming its gzip form from {@code bodyGzip}, and answers its id. */
  long storeUpload(UUID serverId, String contentType, byte[] sha256, long sizeBytes, Path bodyGzip);

  /** Makes this listing the job's current one. */
  void upsertListing(UUID serverId, String job, long uploadId, CheckedListing listing);

  /** Points {@code listing:<job>} at the upload and marks server and report as seen now. */
  void makeCurrent(UUID serverId, String job, long uploadId, byte[] sha256);

  /**
   * Deletes the server's raw listing uploads beyond the newest {@code keep}, except those a job's
   * current listing refers to.
   */
  void pruneUploads(UUID serverId, int keep);
}
