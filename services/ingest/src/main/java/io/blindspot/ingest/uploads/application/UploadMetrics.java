package io.blindspot.ingest.uploads.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The upload meters: {@code blindspot_uploads_total{kind,format,outcome}}, {@code
 * blindspot_upload_bytes{kind,format}} (decompressed sizes) and {@code
 * blindspot_parse_seconds{format}}.
 */
@ApplicationScoped
public class UploadMetrics {

  /** What became of an upload. */
  public enum Outcome {
    STORED("stored"),
    UNCHANGED("unchanged"),
    REJECTED("rejected");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  /** The format tag of an upload whose Content-Type is not one this service reads. */
  public static final String UNKNOWN_FORMAT = "unknown";

  private final MeterRegistry registry;

  UploadMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void count(ReportKind kind, String format, Outcome outcome) {
    Counter.builder("blindspot.uploads")
        .description("Agent uploads by kind, format and outcome")
        .tag("kind", kind.id())
        .tag("format", format)
        .tag("outcome", outcome.tag)
        .register(registry)
        .increment();
  }

  public void size(ReportKind kind, String format, long bytes) {
    DistributionSummary.builder("blindspot.upload.bytes")
        .description("Decompressed size of agent uploads")
        .baseUnit("bytes")
        .tag("kind", kind.id())
        .tag("format", format)
        .register(registry)
        .record(bytes);
  }

  public void parsed(String format, long nanos) {
    Timer.builder("blindspot.parse")
        .description("Time to parse an upload into its canonical form")
        .tag("format", format)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
