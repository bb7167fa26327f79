package io.blindspot.ingest.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsFamilyTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "gentoo, -, gentoo",
        "debian, -, debian",
        "ubuntu, debian, debian",
        "pop, ubuntu debian, debian",
        "rocky, rhel centos fedora, rhel",
        "fedora, -, rhel",
        "ol, fedora, rhel",
        "alpine, -, alpine",
        "manjaro, arch, arch",
        "opensuse-leap, suse opensuse, suse",
        "sles, -, suse",
        "nixos, -, nixos",
        "Gentoo, -, gentoo",
      })
  void familyFromIdThenIdLike(String id, String idLike, String family) {
    assertThat(OsFamily.of(id, idLike)).isEqualTo(family);
  }
}
