package io.blindspot.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.bench.CoverageBenchmark;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.WorldDeriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The benchmark's server is what it claims to be, and every one of its jobs compiles. */
class GeneratedServerTest {

  @Test
  void theBenchmarkServerIsRealistic() {
    CoverageBenchmark.Server server = CoverageBenchmark.generate(1500, 300);
    assertThat(server.packages().packages()).hasSize(1500);
    assertThat(server.jobs()).hasSize(6);

    WorldDeriver deriver = new WorldDeriver(ServiceKnowledge.builtIn());
    CoverageEvaluator evaluator = new CoverageEvaluator(Duration.ofHours(26));
    CoverageReport report = CoverageBenchmark.recompute(server, deriver, evaluator);
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      report = CoverageBenchmark.recompute(server, deriver, evaluator);
    }
    System.out.printf(
        "generated server: %d assets, %.1f ms per recompute (unwarmed)%n",
        report.assets().size(), (System.nanoTime() - start) / 5e6);

    assertThat(report.assets()).allSatisfy(a -> assertThat(a.jobs()).hasSize(6));
    assertThat(report.assets())
        .allSatisfy(
            a -> assertThat(a.jobs()).noneMatch(j -> j.reason().equals("job-not-evaluable")));
    assertThat(report.assets().stream().filter(a -> a.asset().kind() == AssetKind.MOUNT))
        .hasSize(8); // 10 real mounts; /var/lib/postgresql/ is service data, /srv/ user data
    assertThat(report.assets().stream().filter(a -> a.asset().kind() == AssetKind.CONFIG))
        .hasSizeGreaterThan(200);
    assertThat(report.assets().get(0).asset().probes()).hasSize(1500);
    assertThat(report.assets())
        .extracting(AssetCoverage::status)
        .contains(CoverageStatus.COVERED, CoverageStatus.UNCOVERED);
  }
}
