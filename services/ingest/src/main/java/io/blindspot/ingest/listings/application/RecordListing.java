package io.blindspot.ingest.listings.application;

import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.coverage.application.CoverageQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a checked listing in one transaction: raw upload (streamed from the spool file), the job's
 * {@code backup_listings} row, its current pointer, retention, and a request to recompute the
 * server's coverage. A failure anywhere rolls all of it back.
 */
@ApplicationScoped
public class RecordListing {

  private final ListingStore store;
  private final CoverageQueue coverage;
  private final IngestConfig config;

  RecordListing(ListingStore store, CoverageQueue coverage, IngestConfig config) {
    this.store = store;
    this.coverage = coverage;
    this.config = config;
  }

  /**
   * @throws UnknownJob when the job was removed while its listing was being read
   */
  @Transactional
  public Optional<StoredListing> record(
      UUID serverId, String job, SpooledListing spooled, CheckedListing listing) {
    byte[] sha256 = spooled.sha256();
    Optional<byte[]> current = store.lockCurrent(serverId, job);
    if (current.isPresent() && MessageDigest.isEqual(current.get(), sha256)) {
      store.touchIfUnchanged(serverId, job, sha256);
      return Optional.empty();
    }
    if (!store.jobExists(serverId, job)) {
      throw new UnknownJob(job);
    }
    long uploadId =
        store.storeUpload(serverId, listing.contentType(), sha256, spooled.size(), spooled.file());
    store.upsertListing(serverId, job, uploadId, listing);
    store.makeCurrent(serverId, job, uploadId, sha256);
    store.pruneUploads(serverId, config.uploads().keepPerKind());
    coverage.enqueue(serverId, "listing of backup job " + job + " uploaded");
    return Optional.of(
        new StoredListing(
            uploadId, listing.entries(), listing.checked().size(), listing.present().size()));
  }
}
