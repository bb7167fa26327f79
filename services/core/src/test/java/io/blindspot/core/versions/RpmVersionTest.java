package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertAscending;
import static io.blindspot.core.versions.VersionAssertions.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmVersionTest {

  private static final RpmVersion R = RpmVersion.INSTANCE;

  /** rpm's own rpmvercmp cases (tests/rpmvercmp.at), tilde and caret included. */
  @ParameterizedTest(name = "rpmvercmp({0}, {2}) {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0 = 1.0",
        "1.0 < 2.0",
        "2.0.1 > 2.0",
        "2.0.1a > 2.0.1",
        "5.5p1 < 5.5p2",
        "5.5p10 > 5.5p1",
        "10xyz < 10.1xyz",
        "xyz10 < xyz10.1",
        "xyz.4 < 8",
        "xyz.4 < 2",
        "5.5p2 < 5.6p1",
        "6.0.rc1 > 6.0",
        "10b2 > 10a1",
        "1.0a < 1.0aa",
        "10.0001 = 10.1",
        "10.0001 < 10.0039",
        "4.999.9 < 5.0",
        "20101121 < 20101122",
        "2_0 = 2.0",
        "a+ = a_",
        "+a = _a",
        "+_ = _+",
        "1.0~rc1 < 1.0",
        "1.0~rc1 < 1.0~rc2",
        "1.0~rc1~git123 < 1.0~rc1",
        "1.0^ > 1.0",
        "1.0^git1 > 1.0",
        "1.0^git1 < 1.0^git2",
        "1.0^git1 < 1.01",
        "1.0^20160101 < 1.0.1",
        "1.0^20160102 > 1.0^20160101^git1",
        "1.0~rc1^git1 > 1.0~rc1",
        "1.0^git1~pre < 1.0^git1",
      })
  void rpmvercmpCases(String a, String relation, String b) {
    assertRelation((x, y) -> RpmVersion.rpmvercmp(x, y), a, relation, b);
    // without '-' or ':' the full comparator is rpmvercmp
    assertRelation(R, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1:1.0-1 > 2.0-1",
        "0:1.0-1 = 1.0-1",
        "1.0-1 < 1.0-2",
        "1.0-1.el9 < 1.0-1.el9_3",
        "5.14.0-362.8.1.el9_3 < 5.14.0-427.13.1.el9_4",
        "2:8.2.2637-20.el9_1 > 1:9.0-1",
        // a missing release sorts first (rpmverCmp)
        "1.0 < 1.0-5",
        "0.9~rc1-0.1 < 0.9-0.1",
      })
  void epochVersionRelease(String a, String relation, String b) {
    assertRelation(R, a, relation, b);
  }

  @Test
  void sortsAKernelList() {
    assertAscending(
        R,
        "5.14.0-70.13.1.el9_0",
        "5.14.0-162.6.1.el9_1",
        "5.14.0-362.8.1.el9_3",
        "5.14.0-427.13.1.el9_4",
        "1:4.0-1");
  }

  /** rpm's own rpm.vercmp (EVR-aware) as the oracle, when rpm is installed. */
  @Test
  void agreesWithRpmWhenInstalled() throws Exception {
    assertTrue(
        DebianVersionTest.onPath("rpm"), "rpm is missing: apt-get install rpm (.ci/run does)");
    String[] parts = {
      "0", "1", "2", "9", "10", "01", "a", "b", "rc", "~", "^", "+", ".", "_", "~rc1", "^git1", "-",
      "-1"
    };
    Random random = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    StringBuilder lua = new StringBuilder("%{lua: ");
    while (pairs.size() < 200) {
      String a = generate(random, parts);
      String b = generate(random, parts);
      pairs.add(new String[] {a, b});
      lua.append("print(rpm.vercmp(\"")
          .append(a)
          .append("\", \"")
          .append(b)
          .append("\")) print(\"\\n\") ");
    }
    lua.append('}');
    Process rpm =
        new ProcessBuilder("rpm", "--eval", lua.toString()).redirectErrorStream(true).start();
    List<String> results =
        new String(rpm.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    assertTrue(rpm.waitFor() == 0 && results.size() == pairs.size(), "rpm has no lua rpm.vercmp");
    for (int i = 0; i < pairs.size(); i++) {
      assertThat(Integer.signum(R.compare(pairs.get(i)[0], pairs.get(i)[1])))
          .as("%s vs %s", pairs.get(i)[0], pairs.get(i)[1])
          .isEqualTo(Integer.parseInt(results.get(i).strip()));
    }
  }

  static String generate(Random random, String[] parts) {
    StringBuilder version = new StringBuilder();
    if (random.nextInt(6) == 0) {
      version.append(random.nextInt(3)).append(':');
    }
    version.append(random.nextInt(12));
    for (int i = random.nextInt(5); i > 0; i--) {
      version.append(parts[random.nextInt(parts.length)]);
    }
    return version.toString();
  }
}
