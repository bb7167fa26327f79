package io.blindspot.ingest.packages.application;

import io.blindspot.core.packages.PackageFormat;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.versions.Versions;
import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.coverage.application.CoverageQueue;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.ReportLedger;
import io.blindspot.ingest.uploads.application.ReportLedger.CurrentReport;
import io.blindspot.ingest.uploads.application.UploadBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a parsed package upload in one transaction: raw upload, snapshot with its diff, the
 * installed_packages rows, the current pointer, and retention. A failure anywhere rolls all of it
 * back, so the previous snapshot stays current.
 */
@ApplicationScoped
public class RecordPackages {

  private final ReportLedger ledger;
  private final PackageSnapshots snapshots;
  private final IngestConfig config;
  private final CoverageQueue coverage;

  RecordPackages(
      ReportLedger ledger,
      PackageSnapshots snapshots,
      IngestConfig config,
      CoverageQueue coverage) {
    this.ledger = ledger;
    this.snapshots = snapshots;
    this.config = config;
    this.coverage = coverage;
  }

  @Transactional
  public Optional<StoredPackages> record(
      UUID serverId, UploadBody body, PackageFormat format, PackageSet packages) {
    Optional<CurrentReport> current = ledger.lockCurrent(serverId, ReportKind.PACKAGES);
    if (current.isPresent() && MessageDigest.isEqual(current.get().sha256(), body.sha256())) {
      ledger.touchIfUnchanged(serverId, ReportKind.PACKAGES, body.sha256());
      return Optional.empty();
    }
    PackageSet previous =
        current
            .map(report -> snapshots.packageSet(serverId, report.snapshotId()))
            .orElseGet(() -> new PackageSet(packages.manager(), List.of(), List.of(), List.of()));
    PackageSetDiff diff =
        PackageSetDiff.between(previous, packages, Versions.comparatorFor(packages.manager()));
    long uploadId =
        ledger.storeUpload(
            serverId,
            ReportKind.PACKAGES,
            format.mediaType(),
            body.sha256(),
            body.size(),
            body.gzip());
    long snapshotId = snapshots.insert(serverId, uploadId, format.mediaType(), packages, diff);
    snapshots.replaceInstalled(serverId, packages);
    ledger.makeCurrent(serverId, ReportKind.PACKAGES, snapshotId, body.sha256());
    ledger.pruneUploads(serverId, ReportKind.PACKAGES, config.uploads().keepPerKind());
    coverage.enqueue(serverId, "packages uploaded");
    return Optional.of(
        new StoredPackages(snapshotId, packages.manager(), packages.packages().size(), diff));
  }
}
