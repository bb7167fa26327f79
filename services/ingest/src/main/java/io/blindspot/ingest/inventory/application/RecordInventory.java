package io.blindspot.ingest.inventory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.coverage.application.CoverageQueue;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.ReportLedger;
import io.blindspot.ingest.uploads.application.ReportLedger.CurrentReport;
import io.blindspot.ingest.uploads.application.UploadBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

/** Stores a validated inventory in one transaction. */
@ApplicationScoped
public class RecordInventory {

  private final ReportLedger ledger;
  private final InventorySnapshots snapshots;
  private final ObjectMapper json;
  private final IngestConfig config;
  private final CoverageQueue coverage;

  RecordInventory(
      ReportLedger ledger,
      InventorySnapshots snapshots,
      ObjectMapper json,
      IngestConfig config,
      CoverageQueue coverage) {
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.json = json;
    this.config = config;
    this.coverage = coverage;
  }

  @Transactional
  public Optional<StoredInventory> record(
      UUID serverId, UploadBody body, InventoryDocument document) {
    Inventory inventory = document.inventory();
    Optional<CurrentReport> current = ledger.lockCurrent(serverId, ReportKind.INVENTORY);
    if (current.isPresent() && MessageDigest.isEqual(current.get().sha256(), body.sha256())) {
      ledger.touchIfUnchanged(serverId, ReportKind.INVENTORY, body.sha256());
      return Optional.empty();
    }
    long uploadId =
        ledger.storeUpload(
            serverId,
            ReportKind.INVENTORY,
            ReceiveInventory.MEDIA_TYPE,
            body.sha256(),
            body.size(),
            body.gzip());
    long snapshotId = snapshots.insert(serverId, uploadId, document.json());
    String family = OsFamily.of(inventory.os().id(), inventory.os().idLike());
    snapshots.describeServer(serverId, inventory, family, toJson(inventory.labels()));
    ledger.makeCurrent(serverId, ReportKind.INVENTORY, snapshotId, body.sha256());
    ledger.pruneUploads(serverId, ReportKind.INVENTORY, config.uploads().keepPerKind());
    coverage.enqueue(serverId, "inventory uploaded");
    return Optional.of(new StoredInventory(snapshotId, family));
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an inventory read from JSON writes back as JSON", e);
    }
  }
}
