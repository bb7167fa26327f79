package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertAscending;
import static io.blindspot.core.versions.VersionAssertions.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlpmVersionTest {

  private static final AlpmVersion A = AlpmVersion.INSTANCE;

  @Test
  void vercmpManPageOrdering() {
    // vercmp(8)
    assertAscending(
        A, "1.0a", "1.0b", "1.0beta", "1.0p", "1.0pre", "1.0rc", "1.0", "1.0.a", "1.0.1");
    assertAscending(A, "1", "1.0", "1.1", "1.1.1", "1.2", "2.0", "3.0.0");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1:1.0-1 > 2.0-1",
        "1:23.3.5-1 > 24.0-1",
        "1.5-1 = 1.5",
        "1.5-1 < 1.5-2",
        "1.5-1 < 1.5-1.1",
        "6.7.4.arch1-1 < 6.7.5.arch1-1",
        "9.6p1-1 < 9.7p1-1",
        // pacman, unlike rpm, treats ~ as a plain separator and counts separator lengths
        "1.0~rc1 > 1.0",
        "1..0 > 1.0",
        "1.0.0 > 1.0",
      })
  void epochPkgverPkgrel(String a, String relation, String b) {
    assertRelation(A, a, relation, b);
  }

  /** pacman's vercmp as the oracle, when it is installed. */
  @Test
  void agreesWithVercmpWhenInstalled() throws Exception {
    assertTrue(
        DebianVersionTest.onPath("vercmp"),
        "vercmp is missing: apt-get install pacman-package-manager (.ci/run does)");
    String[] parts = {
      "0", "1", "2", "9", "10", "01", "a", "b", "rc", "alpha", "~", "+", ".", "..", "_", "p1", "-",
      "-1"
    };
    Random random = new Random(99);
    List<String[]> pairs = new ArrayList<>();
    while (pairs.size() < 200) {
      pairs.add(
          new String[] {
            RpmVersionTest.generate(random, parts), RpmVersionTest.generate(random, parts)
          });
    }
    Process shell =
        new ProcessBuilder("sh", "-c", "while read -r a b; do vercmp \"$a\" \"$b\"; done")
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = shell.getOutputStream()) {
      for (String[] pair : pairs) {
        stdin.write((pair[0] + " " + pair[1] + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    List<String> results =
        new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(shell.waitFor()).isZero();
    assertThat(results).hasSize(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      assertThat(Integer.signum(A.compare(pairs.get(i)[0], pairs.get(i)[1])))
          .as("%s vs %s", pairs.get(i)[0], pairs.get(i)[1])
          .isEqualTo(Integer.signum(Integer.parseInt(results.get(i).strip())));
    }
  }
}
