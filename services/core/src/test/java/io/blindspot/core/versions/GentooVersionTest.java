package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertAscending;
import static io.blindspot.core.versions.VersionAssertions.assertRelation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GentooVersionTest {

  private static final GentooVersion G = GentooVersion.INSTANCE;

  @Test
  void suffixOrderFromPms() {
    // PMS 3.2: _alpha < _beta < _pre < _rc < (none) < _p
    assertAscending(G, "1.0_alpha", "1.0_beta", "1.0_pre", "1.0_rc", "1.0", "1.0_p");
    assertAscending(G, "1.0_alpha", "1.0_alpha1", "1.0_alpha2", "1.0_alpha10");
    assertAscending(G, "1.0_p1", "1.0_p2", "1.0_p10");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // Algorithm 3.2: the first component compares as an integer, more components win
        "1.0 < 1.0.0",
        "01.0 = 1.0",
        "2 > 1.99.99",
        "6.6.13 > 6.1.69",
        "3.12.1 > 3.11.8",
        "12.2.5 > 12.2b",
        // Algorithm 3.3: a leading zero makes the comparison stringwise, trailing zeros removed
        "1.01 < 1.1",
        "1.010 = 1.01",
        "1.0 = 1.00",
        "1.002 < 1.01",
        "1.10 > 1.9",
        // Algorithm 3.4: a letter wins over none
        "1.0a > 1.0",
        "1.0b > 1.0a",
        "1.0z < 1.0.1",
        // Algorithms 3.5/3.6: extra suffixes win only when they are _p
        "1.0_alpha_p1 > 1.0_alpha",
        "1.0_alpha_beta < 1.0_alpha",
        "1.0_p1_alpha < 1.0_p1",
        "1.0_rc1_p2 < 1.0",
        "1.0_alpha0 = 1.0_alpha",
        // Algorithm 3.7: revisions, -r0 equals none
        "1.0-r1 > 1.0",
        "1.0-r0 = 1.0",
        "1.0-r10 > 1.0-r9",
        "2.0_rc1-r1 < 2.0",
        "1.0_p1 > 1.0-r99",
        // arbitrary size numbers
        "1.20240414 < 1.20240415",
        "99999999999999999999 < 100000000000000000000",
      })
  void pmsOrdering(String a, String relation, String b) {
    assertRelation(G, a, relation, b);
  }

  @Test
  void validityFollowsPmsGrammar() {
    assertThat(G.isValid("1.0a_beta2_p3-r12")).isTrue();
    assertThat(G.isValid("9999")).isTrue();
    assertThat(G.isValid("1.0.")).isFalse();
    assertThat(G.isValid("1.0ab")).isFalse();
    assertThat(G.isValid("1.0_gamma")).isFalse();
    assertThat(G.isValid("1.0-r")).isFalse();
    assertThat(G.isValid("1.0-1")).isFalse();
    assertThat(G.isValid("v1.0")).isFalse();
    assertThat(G.isValid("")).isFalse();
  }

  @Test
  void invalidVersionsSortBeforeValidOnesAndAmongThemselvesByText() {
    assertRelation(G, "garbage", "<", "0");
    assertRelation(G, "1.0-1", "<", "0.1");
    assertRelation(G, "abc", "<", "abd");
    assertRelation(G, "abc", "=", "abc");
  }
}
