package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortageAtomTest {

  @ParameterizedTest(name = "{0} = {1} + {2}")
  @CsvSource({
    "gentoo-sources-6.6.13, gentoo-sources, 6.6.13",
    "python-3.12.2_p1-r1, python, 3.12.2_p1-r1",
    "font-adobe-100dpi-1.0.4, font-adobe-100dpi, 1.0.4",
    "libc-1-r1, libc, 1-r1",
    "neofetch-9999, neofetch, 9999",
    "foo-bar-1.0a_beta2_p3-r12, foo-bar, 1.0a_beta2_p3-r12",
    "gtk+-3.24.41, gtk+, 3.24.41",
    "ncurses-6.4_p20240414, ncurses, 6.4_p20240414",
  })
  void splitsPfAtTheHyphenThatStartsAPmsVersion(String pf, String name, String version) {
    assertThat(PortageAtom.splitNameVersion(pf)).containsExactly(name, version);
  }

  @ParameterizedTest
  @CsvSource({"foo", "foo-bar", "foo-1.0-r", "foo-1.0_gamma", "-1.0"})
  void refusesWhatHasNoValidVersion(String pf) {
    assertThat(PortageAtom.splitNameVersion(pf)).isNull();
  }

  @Test
  void parsesWorldAtoms() {
    assertThat(PortageAtom.parse("app-admin/sudo"))
        .isEqualTo(new PortageAtom("app-admin", "sudo", null, null));
    assertThat(PortageAtom.parse("sys-kernel/gentoo-sources:6.6.13"))
        .isEqualTo(new PortageAtom("sys-kernel", "gentoo-sources", "6.6.13", null));
    assertThat(PortageAtom.parse(">=dev-lang/python-3.12:3.12/3.12t::gentoo[sqlite,-tk]"))
        .isEqualTo(new PortageAtom("dev-lang", "python", "3.12", "3.12t"));
    assertThat(PortageAtom.parse("=dev-lang/python-3.12*"))
        .isEqualTo(new PortageAtom("dev-lang", "python", null, null));
    assertThat(PortageAtom.parse("~app-misc/foo-1.0"))
        .isEqualTo(new PortageAtom("app-misc", "foo", null, null));
    assertThat(PortageAtom.parse("dev-libs/openssl:="))
        .isEqualTo(new PortageAtom("dev-libs", "openssl", null, null));
    assertThat(PortageAtom.parse("dev-libs/openssl:0="))
        .isEqualTo(new PortageAtom("dev-libs", "openssl", "0", null));
    assertThat(PortageAtom.parse("!app-misc/blocked")).isNull();
    assertThat(PortageAtom.parse("@world")).isNull();
    assertThat(PortageAtom.parse("not-an-atom")).isNull();
  }

  @Test
  void matchesHonourSlotAndSubslot() {
    PortageAtom atom = PortageAtom.parse("dev-lang/python:3.12/3.12t");
    assertThat(atom.matches("dev-lang", "python", "3.12", "3.12t")).isTrue();
    assertThat(atom.matches("dev-lang", "python", "3.12", "3.12")).isFalse();
    assertThat(atom.matches("dev-lang", "python", "3.11", "3.12t")).isFalse();
    assertThat(atom.matches("dev-python", "python", "3.12", "3.12t")).isFalse();
    assertThat(PortageAtom.parse("dev-lang/python").matches("dev-lang", "python", "3.11", null))
        .isTrue();
  }
}
