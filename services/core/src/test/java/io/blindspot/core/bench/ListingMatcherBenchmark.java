package io.blindspot.core.bench;

import io.blindspot.core.backup.listing.ListingFixtures;
import io.blindspot.core.backup.listing.ListingMatcher;
import io.blindspot.core.backup.listing.ListingReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A million-line listing checked against 5,000 paths of interest. One op = one whole listing, so
 * lines/s = 1,000,000 / (seconds per op); the target is at least 1,000,000 lines/s (under 1 s/op),
 * in constant memory: the listing is streamed from a file, and the README's figures were taken with
 * {@code -jvmArgs -Xmx256m}.
 *
 * <p>Run: {@code ./mvnw -q -pl services/core test-compile} then {@code java -cp
 * services/core/target/test-classes:services/core/target/classes:$(cat cp.txt)
 * io.blindspot.core.bench.ListingMatcherBenchmark} (cp.txt from dependency:build-classpath).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ListingMatcherBenchmark {

  @Param({"text/plain", "application/x-restic-ls+json"})
  public String mediaType;

  private Path listing;
  private ListingMatcher matcher;
  private ListingReader reader;

  @Setup
  public void setup() throws IOException {
    int n = 1_000_000;
    listing = Files.createTempFile("listing", ".txt");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(listing), 1 << 16)) {
      if (mediaType.equals(ListingReader.TEXT_PLAIN)) {
        ListingFixtures.writePlainListing(out, n);
      } else {
        ListingFixtures.writeResticListing(out, n);
      }
    }
    matcher = new ListingMatcher(ListingFixtures.interest(n, 5000));
    reader = ListingReader.forMediaType(mediaType);
  }

  @TearDown
  public void deleteListing() throws IOException {
    Files.deleteIfExists(listing);
  }

  @Benchmark
  public ListingMatcher.Result millionLines() throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(listing), 1 << 16)) {
      return matcher.match(in, reader);
    }
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ListingMatcherBenchmark.class.getSimpleName()).build())
        .run();
  }
}
