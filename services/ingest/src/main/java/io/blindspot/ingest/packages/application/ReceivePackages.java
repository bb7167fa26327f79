package io.blindspot.ingest.packages.application;

import io.blindspot.core.packages.PackageFormat;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.ingest.uploads.application.MalformedReport;
import io.blindspot.ingest.uploads.application.ReportIntake;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.UnsupportedUpload;
import io.blindspot.ingest.uploads.application.UploadMetrics;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An agent uploads its package database in the native format of its package manager (the
 * Content-Type says which); it is parsed into the canonical set, diffed against the previous
 * snapshot and stored.
 */
@ApplicationScoped
public class ReceivePackages {

  /** The media types accepted, in the order the 415 problem lists them. */
  public static final List<String> MEDIA_TYPES =
      Arrays.stream(PackageFormat.values()).map(PackageFormat::mediaType).toList();

  private final ReportIntake intake;
  private final RecordPackages recorder;

  ReceivePackages(ReportIntake intake, RecordPackages recorder) {
    this.intake = intake;
    this.recorder = recorder;
  }

  /**
   * @throws UnsupportedUpload for a Content-Type no {@link PackageFormat} has
   * @throws MalformedReport when the content is malformed, naming entry and line
   */
  public UploadOutcome<StoredPackages> receive(
      UUID serverId, String contentType, String contentEncoding, byte[] body) throws IOException {
    PackageFormat format = PackageFormat.fromMediaType(contentType).orElse(null);
    if (format == null) {
      intake.rejected(ReportKind.PACKAGES, UploadMetrics.UNKNOWN_FORMAT);
      throw new UnsupportedUpload("Content-Type", contentType, MEDIA_TYPES);
    }
    return intake.receive(
        serverId,
        ReportKind.PACKAGES,
        format.mediaType(),
        body,
        contentEncoding,
        content -> parse(format, content),
        (server, decoded, packages) -> recorder.record(server, decoded, format, packages));
  }

  private static PackageSet parse(PackageFormat format, byte[] content)
      throws PackageFormatException, IOException {
    PackageSet packages = format.parser().parse(new ByteArrayInputStream(content));
    if (format.manager().isPresent() && format.manager().get() != packages.manager()) {
      throw new PackageFormatException(
          null, 0, format.mediaType() + " must hold " + format.manager().get().id() + " packages");
    }
    return packages;
  }
}
