package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PackageFormatTest {

  @Test
  void mediaTypesAreThePublicContract() {
    assertThat(Arrays.stream(PackageFormat.values()).map(PackageFormat::mediaType))
        .containsExactly(
            "text/x-dpkg-status",
            "application/x-portage-vdb",
            "text/x-rpm-qa",
            "text/x-apk-installed",
            "application/x-pacman-local",
            "application/json");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/x-dpkg-status|DPKG_STATUS",
        "Text/X-Dpkg-Status; charset=utf-8|DPKG_STATUS",
        "  application/x-portage-vdb ;foo=bar|PORTAGE_VDB",
        "text/x-rpm-qa;charset=UTF-8|RPM_QA",
        "TEXT/X-APK-INSTALLED|APK_INSTALLED",
        "application/x-pacman-local|PACMAN_LOCAL",
        "application/json; charset=utf-8|CANONICAL_JSON",
      })
  void fromMediaTypeIgnoresCaseAndParameters(String contentType, PackageFormat expected) {
    assertThat(PackageFormat.fromMediaType(contentType)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"text/plain", "application/x-tar", "'text/x-dpkg-status2'", "''", "';charset=utf-8'"})
  void unknownTypesAreEmpty(String contentType) {
    assertThat(PackageFormat.fromMediaType(contentType)).isEmpty();
  }

  @Test
  void nullIsEmpty() {
    assertThat(PackageFormat.fromMediaType(null)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @EnumSource(PackageFormat.class)
  void everyFormatRoundTripsItsMediaTypeAndHasAParser(PackageFormat format) {
    assertThat(PackageFormat.fromMediaType(format.mediaType())).contains(format);
    assertThat(format.parser()).isNotNull();
  }

  @Test
  void parsersAndManagersMatchTheirFormats() {
    assertThat(PackageFormat.DPKG_STATUS.parser()).isInstanceOf(DpkgStatusParser.class);
    assertThat(PackageFormat.PORTAGE_VDB.parser()).isInstanceOf(PortageVdbParser.class);
    assertThat(PackageFormat.RPM_QA.parser()).isInstanceOf(RpmQaParser.class);
    assertThat(PackageFormat.APK_INSTALLED.parser()).isInstanceOf(ApkInstalledParser.class);
    assertThat(PackageFormat.PACMAN_LOCAL.parser()).isInstanceOf(PacmanLocalParser.class);
    assertThat(PackageFormat.DPKG_STATUS.manager()).contains(PackageManager.DPKG);
    assertThat(PackageFormat.PORTAGE_VDB.manager()).contains(PackageManager.PORTAGE);
    assertThat(PackageFormat.RPM_QA.manager()).contains(PackageManager.RPM);
    assertThat(PackageFormat.APK_INSTALLED.manager()).contains(PackageManager.APK);
    assertThat(PackageFormat.PACMAN_LOCAL.manager()).contains(PackageManager.PACMAN);
    assertThat(PackageFormat.CANONICAL_JSON.manager()).isEmpty();
  }
}
