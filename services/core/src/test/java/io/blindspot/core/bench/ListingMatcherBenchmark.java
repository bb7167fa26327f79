package io.blindspot.core.bench;

import io.blindspot.core.backup.listing.ListingFixtures;
import io.blindspot.core.backup.listing.ListingMatcher;
import io.blindspot.core.backup.listing.ListingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A million-line listing checked against 5,000 paths of interest. One op = one whole listing, so
 * lines/s = 1,000,000 / (seconds per op); the target is at least 1,000,000 lines/s (under 1 s/op).
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

  private byte[] listing;
  private ListingMatcher matcher;
  private ListingReader reader;

  @Setup
  public void setup() {
    int n = 1_000_000;
    listing =
        mediaType.equals(ListingReader.TEXT_PLAIN)
            ? ListingFixtures.plainListing(n)
            : ListingFixtures.resticListing(n);
    matcher = new ListingMatcher(ListingFixtures.interest(n, 5000));
    reader = ListingReader.forMediaType(mediaType);
  }

  @Benchmark
  public ListingMatcher.Result millionLines() throws IOException {
    return matcher.match(new ByteArrayInputStream(listing), reader);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ListingMatcherBenchmark.class.getSimpleName()).build())
        .run();
  }
}
