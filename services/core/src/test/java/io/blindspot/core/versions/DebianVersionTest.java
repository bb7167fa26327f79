package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertAscending;
import static io.blindspot.core.versions.VersionAssertions.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionTest {

  private static final DebianVersion D = DebianVersion.INSTANCE;

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    // Debian Policy 5.6.12: "~~ < ~~a < ~ < (empty) < a"
    assertAscending(D, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0~rc1 < 1.0",
        "1:0.1 > 2.0",
        "1.0-1 < 1.0-1+b1",
        "1.0 = 1.0-0",
        "0:1.0 = 1.0",
        "1.0-1 < 1.0-2",
        "1.0-10 > 1.0-9",
        "2.38.1-5+deb12u3 > 2.38.1-5+deb12u2",
        "2.38.1-5+deb12u3 < 2.38.1-5+deb13u1",
        "1.0a < 1.0+",
        "1.0+ < 1.0.",
        "1.0.A < 1.0.a",
        "1.001 = 1.1",
        "1.2-3-4 > 1.2-3",
        "9.2p1-2+deb12u10 > 9.2p1-2+deb12u9",
        "12.2.0-3 < 12.2.0-14",
        "1.0+dfsg-1 > 1.0-1",
        "1.0~dfsg-1 < 1.0-1",
        "10:1 > 9:99999",
      })
  void dpkgOrdering(String a, String relation, String b) {
    assertRelation(D, a, relation, b);
  }

  @Test
  void validity() {
    assertThat(D.isValid("1:2.38.1-5+deb12u3")).isTrue();
    assertThat(D.isValid("1.0~rc1")).isTrue();
    assertThat(D.isValid("x:1.0")).isFalse();
    assertThat(D.isValid("1.0-")).isFalse();
    assertThat(D.isValid("a1.0")).isFalse();
    assertThat(D.isValid("1.0 beta")).isFalse();
  }

  /**
   * dpkg itself is the oracle: it is on every Debian machine, CI included. Versions are generated
   * from parts that exercise each rule (tilde, epochs, revisions, letters, separators, leading
   * zeros), and only ones dpkg accepts are compared.
   */
  @Test
  void agreesWithDpkgCompareVersions() throws Exception {
    assertTrue(onPath("dpkg"), "dpkg not installed");
    Random random = new Random(20240501);
    List<String[]> pairs = new ArrayList<>();
    while (pairs.size() < 200) {
      String a = generate(random);
      String b = random.nextInt(4) == 0 ? mutate(a, random) : generate(random);
      if (D.isValid(a) && D.isValid(b)) {
        pairs.add(new String[] {a, b});
      }
    }
    List<Integer> expected = dpkgCompare(pairs);
    for (int i = 0; i < pairs.size(); i++) {
      String a = pairs.get(i)[0];
      String b = pairs.get(i)[1];
      assertThat(Integer.signum(D.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected.get(i));
    }
  }

  private static final String[] PARTS = {
    "0",
    "1",
    "2",
    "9",
    "10",
    "01",
    "a",
    "b",
    "z",
    "A",
    "~",
    "~~",
    "+",
    ".",
    "~rc1",
    "+b1",
    "+dfsg",
    "~bpo12+1",
    "+deb12u3",
    "-"
  };

  private static String generate(Random random) {
    StringBuilder version = new StringBuilder();
    if (random.nextInt(5) == 0) {
      version.append(random.nextInt(3)).append(':');
    }
    version.append(random.nextInt(12));
    for (int i = random.nextInt(5); i > 0; i--) {
      version.append(PARTS[random.nextInt(PARTS.length)]);
    }
    if (random.nextBoolean()) {
      version.append('-').append(random.nextInt(4));
      if (random.nextBoolean()) {
        version.append(PARTS[random.nextInt(PARTS.length)].replace("-", ""));
      }
    }
    return version.toString();
  }

  private static String mutate(String version, Random random) {
    String part = PARTS[random.nextInt(PARTS.length)];
    return random.nextBoolean() ? version + part : part + version;
  }

  /** One shell loop instead of 400 JVM process launches. */
  private static List<Integer> dpkgCompare(List<String[]> pairs)
      throws IOException, InterruptedException {
    Process shell =
        new ProcessBuilder(
                "sh",
                "-c",
                "while read -r a b; do if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;"
                    + " elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0;"
                    + " else echo 1; fi; done")
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = shell.getOutputStream()) {
      for (String[] pair : pairs) {
        stdin.write((pair[0] + " " + pair[1] + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor()).isZero();
    List<Integer> results = output.lines().map(Integer::parseInt).toList();
    assertThat(results).hasSize(pairs.size());
    return results;
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
