package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertAscending;
import static io.blindspot.core.versions.VersionAssertions.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApkVersionTest {

  private static final ApkVersion V = ApkVersion.INSTANCE;

  @Test
  void suffixOrder() {
    assertAscending(
        V,
        "1.0_alpha",
        "1.0_beta",
        "1.0_pre",
        "1.0_rc",
        "1.0",
        "1.0_cvs",
        "1.0_svn",
        "1.0_git",
        "1.0_hg",
        "1.0_p");
    assertAscending(V, "1.3_alpha", "1.3_alpha2", "1.3_alpha3", "1.3_alpha10");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.4-r3 < 1.0.4-r4",
        "1.2.2-r1 > 1.2.2",
        "0.10.0-r1 > 0.10.0",
        "2.5.1-r8 < 2.5.1a-r1",
        "1.7 < 1.7b",
        "1.1 > 1.1_alpha1",
        "1.8.5 < 1.8.5_p2",
        "4.5_p1 < 4.5_p1-r1",
        "1.3-r0 < 1.3.1-r0",
        "1.3_pre1-r1 < 1.3.2",
        "1.0_p10-r0 > 1.0_p9-r0",
        "0.1.0_alpha_pre2 < 0.1.0_alpha",
        "1.2.4_git20230717-r4 > 1.2.4-r4",
        "1.2.4_git20230717-r4 < 1.2.5_alpha1-r0",
        // numbers with a leading zero compare as strings, as in Gentoo
        "1.2.07.8 < 1.2.12.04",
        "1.06-r6 < 006",
        "02.08.01b < 4.77",
        "3.0.20060720 < 20060720",
        "1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0",
        // commit hashes: ordered as strings, and come between suffixes and the revision
        "1.0~abc < 1.0~abd",
        "1.0~abc > 1.0-r1",
        "1.0~abc < 1.0_p1",
        // invalid tails: compared up to the first invalid token, which sorts first
        "1.0 < 1.0bc",
        "23_foo > 4_beta",
        "1.0_foo < 1.0",
      })
  void apkOrdering(String a, String relation, String b) {
    assertRelation(V, a, relation, b);
  }

  @Test
  void validity() {
    assertThat(V.isValid("1.2.4_git20230717-r4")).isTrue();
    assertThat(V.isValid("1.0_alpha_pre2")).isTrue();
    assertThat(V.isValid("1.0~deadbeef-r1")).isTrue();
    assertThat(V.isValid("1.0bc")).isFalse();
    assertThat(V.isValid("1.0-1")).isFalse();
    assertThat(V.isValid("1.0_foo")).isFalse();
    assertThat(V.isValid("1.0-r")).isFalse();
    assertThat(V.isValid("v1.0")).isFalse();
  }
}
