package io.blindspot.ingest.uploads.application;

import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.ingest.uploads.application.UploadMetrics.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The path every upload takes: decode under the size limit, answer "unchanged" from the digest
 * alone when the body is the one already current (one statement, no parsing), else parse outside
 * any transaction and hand the result to the kind's recorder, which stores it in one transaction.
 * Every upload is counted under its outcome.
 */
@ApplicationScoped
public class ReportIntake {

  /**
   * Turns a decoded body into the kind's canonical form; must not touch the database. A {@link
   * PackageFormatException} becomes a {@link MalformedReport}.
   */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(byte[] content) throws PackageFormatException, IOException;
  }

  /**
   * Stores a parsed upload in one transaction. Answers empty when, under the server's lock, the
   * body turned out to be current already (a concurrent upload of the same body won).
   */
  @FunctionalInterface
  public interface Recorder<T, R> {
    Optional<R> record(UUID serverId, UploadBody body, T parsed);
  }

  private final UploadDecoder decoder;
  private final ReportLedger ledger;
  private final UploadMetrics metrics;

  ReportIntake(UploadDecoder decoder, ReportLedger ledger, UploadMetrics metrics) {
    this.decoder = decoder;
    this.ledger = ledger;
    this.metrics = metrics;
  }

  public <T, R> UploadOutcome<R> receive(
      UUID serverId,
      ReportKind kind,
      String format,
      byte[] body,
      String contentEncoding,
      Parser<T> parser,
      Recorder<T, R> recorder)
      throws IOException {
    UploadBody decoded;
    T parsed;
    try {
      decoded = decoder.decode(body, contentEncoding);
      metrics.size(kind, format, decoded.size());
      if (ledger.touchIfUnchanged(serverId, kind, decoded.sha256())) {
        metrics.count(kind, format, Outcome.UNCHANGED);
        return new UploadOutcome.Unchanged<>();
      }
      long start = System.nanoTime();
      try {
        parsed = parser.parse(decoded.content());
      } finally {
        metrics.parsed(format, System.nanoTime() - start);
      }
    } catch (PackageFormatException e) {
      metrics.count(kind, format, Outcome.REJECTED);
      throw new MalformedReport(e);
    } catch (IOException | RuntimeException e) {
      metrics.count(kind, format, Outcome.REJECTED);
      throw e;
    }
    Optional<R> stored = recorder.record(serverId, decoded, parsed);
    metrics.count(kind, format, stored.isPresent() ? Outcome.STORED : Outcome.UNCHANGED);
    return stored
        .<UploadOutcome<R>>map(UploadOutcome.Stored::new)
        .orElseGet(UploadOutcome.Unchanged::new);
  }

  /** Counts an upload refused before it could be read, such as one of an unknown Content-Type. */
  public void rejected(ReportKind kind, String format) {
    metrics.count(kind, format, Outcome.REJECTED);
  }
}
