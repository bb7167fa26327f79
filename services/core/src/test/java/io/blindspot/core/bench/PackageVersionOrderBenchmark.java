package io.blindspot.core.bench;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.versions.VersionComparator;
import io.blindspot.core.versions.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Sorting 1500 full versions with each manager's ordering, as a snapshot diff of a large server
 * does. Run like {@link PackageParsersBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PackageVersionOrderBenchmark {

  @Param({"PORTAGE", "DPKG", "RPM", "APK", "PACMAN"})
  public PackageManager manager;

  private VersionComparator order;
  private List<String> versions;

  @Setup
  public void generate() {
    order = Versions.comparatorFor(manager);
    Random random = new Random(11);
    versions = new ArrayList<>(1500);
    for (int i = 0; i < 1500; i++) {
      String upstream =
          (1 + random.nextInt(20)) + "." + random.nextInt(30) + "." + random.nextInt(200);
      versions.add(
          switch (manager) {
            case PORTAGE -> upstream + (i % 5 == 0 ? "_p" + i % 7 : "") + "-r" + i % 3;
            case DPKG -> (i % 9 == 0 ? "1:" : "") + upstream + "-" + i % 4 + "+deb12u" + i % 5;
            case RPM -> upstream + "-" + i % 40 + ".el9" + (i % 2 == 0 ? "_3" : "");
            case APK -> upstream + (i % 6 == 0 ? "_rc" + i % 3 : "") + "-r" + i % 5;
            case PACMAN -> (i % 11 == 0 ? "1:" : "") + upstream + "-" + (1 + i % 3);
          });
    }
  }

  @Benchmark
  public List<String> sort() {
    List<String> copy = new ArrayList<>(versions);
    copy.sort(order);
    return copy;
  }

  /** Quick smoke run in this JVM. */
  public static void main(String[] args) throws RunnerException {
    new Runner(
            new OptionsBuilder()
                .include(PackageVersionOrderBenchmark.class.getSimpleName())
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(300))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(500))
                .build())
        .run();
  }
}
