package io.blindspot.ingest.backups.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.coverage.application.CoverageQueue;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.ReportLedger;
import io.blindspot.ingest.uploads.application.ReportLedger.CurrentReport;
import io.blindspot.ingest.uploads.application.UploadBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores a compiled job upload in one transaction: raw upload, immutable snapshot, the current job
 * rows (dropping the listings of jobs that are gone), the current pointer, retention, and a request
 * to recompute the server's coverage. A failure anywhere rolls all of it back.
 */
@ApplicationScoped
public class RecordBackups {

  private final ReportLedger ledger;
  private final BackupJobStore jobs;
  private final CoverageQueue coverage;
  private final ObjectMapper json;
  private final IngestConfig config;

  RecordBackups(
      ReportLedger ledger,
      BackupJobStore jobs,
      CoverageQueue coverage,
      ObjectMapper json,
      IngestConfig config) {
    this.ledger = ledger;
    this.jobs = jobs;
    this.coverage = coverage;
    this.json = json;
    this.config = config;
  }

  @Transactional
  public Optional<StoredBackups> record(UUID serverId, UploadBody body, ParsedBackups parsed) {
    Optional<CurrentReport> current = ledger.lockCurrent(serverId, ReportKind.BACKUPS);
    if (current.isPresent() && MessageDigest.isEqual(current.get().sha256(), body.sha256())) {
      ledger.touchIfUnchanged(serverId, ReportKind.BACKUPS, body.sha256());
      return Optional.empty();
    }
    Map<String, String> previous = jobs.currentDescriptors(serverId);
    Set<String> added = new TreeSet<>();
    Set<String> changed = new TreeSet<>();
    Set<String> removed = new TreeSet<>(previous.keySet());
    for (int i = 0; i < parsed.jobs().size(); i++) {
      BackupJob job = parsed.jobs().get(i);
      removed.remove(job.name());
      String before = previous.get(job.name());
      if (before == null) {
        added.add(job.name());
      } else if (!sameConfiguration(before, parsed.descriptors().get(i))) {
        changed.add(job.name());
      }
    }
    long uploadId =
        ledger.storeUpload(
            serverId,
            ReportKind.BACKUPS,
            ReceiveBackups.MEDIA_TYPE,
            body.sha256(),
            body.size(),
            body.gzip());
    long snapshotId = jobs.insertSnapshot(serverId, uploadId, parsed.json());
    jobs.replaceJobs(serverId, parsed.jobs(), parsed.descriptors());
    ledger.makeCurrent(serverId, ReportKind.BACKUPS, snapshotId, body.sha256());
    ledger.pruneUploads(serverId, ReportKind.BACKUPS, config.uploads().keepPerKind());
    coverage.enqueue(serverId, "backup jobs uploaded");
    return Optional.of(
        new StoredBackups(
            snapshotId,
            parsed.jobs().size(),
            new ArrayList<>(added),
            new ArrayList<>(removed),
            new ArrayList<>(changed)));
  }

  /** Whether two descriptors describe the same job, whatever their last runs. */
  private boolean sameConfiguration(String before, String after) {
    return withoutLastRun(before).equals(withoutLastRun(after));
  }

  private JsonNode withoutLastRun(String descriptor) {
    try {
      JsonNode node = json.readTree(descriptor);
      if (node instanceof ObjectNode object) {
        object.remove("lastRun");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored job descriptor no longer parses", e);
    }
  }
}
