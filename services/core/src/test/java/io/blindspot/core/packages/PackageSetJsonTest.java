package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageSetJsonTest {

  private static final PackageSet SMALL =
      new PackageSet(
          PackageManager.PORTAGE,
          List.of(
              InstalledPackage.builder("gentoo-sources")
                  .category("sys-kernel")
                  .version("6.6.13")
                  .slot("6.6.13")
                  .repository("gentoo")
                  .reason(InstallReason.EXPLICIT)
                  .configFiles(List.of(new ConfigFile("/etc/x", "md5", "abc")))
                  .build(),
              InstalledPackage.builder("python")
                  .category("dev-lang")
                  .version("3.12.2_p1-r1")
                  .slot("3.12")
                  .subslot("3.12")
                  .reason(InstallReason.DEPENDENCY)
                  .build()),
          List.of("sys-kernel/gentoo-sources:6.6.13"),
          List.of("@kde-plasma"));

  @Test
  void writesTheCanonicalFormWithLowerCaseEnumsAndNoNulls() {
    assertThat(PackageSetJson.toJson(SMALL))
        .isEqualTo(
            "{\"manager\":\"portage\",\"packages\":["
                + "{\"name\":\"gentoo-sources\",\"category\":\"sys-kernel\",\"version\":\"6.6.13\","
                + "\"slot\":\"6.6.13\",\"repository\":\"gentoo\",\"reason\":\"explicit\","
                + "\"configFiles\":[{\"path\":\"/etc/x\",\"algorithm\":\"md5\",\"checksum\":\"abc\"}]},"
                + "{\"name\":\"python\",\"category\":\"dev-lang\",\"version\":\"3.12.2_p1-r1\","
                + "\"slot\":\"3.12\",\"subslot\":\"3.12\",\"reason\":\"dependency\"}],"
                + "\"world\":[\"sys-kernel/gentoo-sources:6.6.13\"],\"worldSets\":[\"@kde-plasma\"]}");
  }

  @Test
  void everySampleRoundTrips() throws Exception {
    List<PackageSet> samples =
        List.of(
            SMALL,
            parse(new DpkgStatusParser(), SharedSamples.dpkgStatus()),
            parse(new RpmQaParser(), TestArchives.resource("packages/rpm/rpm-qa.tsv")),
            parse(new ApkInstalledParser(), TestArchives.resource("packages/apk/installed")),
            new PortageVdbParser()
                .parse(
                    new ByteArrayInputStream(
                        TestArchives.tar(TestArchives.resource("packages/portage/vdb"), "", true))),
            new PacmanLocalParser()
                .parse(
                    new ByteArrayInputStream(
                        TestArchives.tar(
                            TestArchives.resource("packages/pacman/local"), "", false))));
    for (PackageSet set : samples) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PackageSetJson.write(set, out);
      assertThat(PackageSetJson.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(set);
      assertThat(PackageSetJson.fromJson(PackageSetJson.toJson(set))).isEqualTo(set);
    }
  }

  @Test
  void theFormatsParserReadsIt() throws Exception {
    byte[] json = PackageSetJson.toJson(SMALL).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(PackageFormat.CANONICAL_JSON.parser().parse(new ByteArrayInputStream(json)))
        .isEqualTo(SMALL);
  }

  @Test
  void nullsAndMissingOptionalFieldsReadAsAbsent() throws Exception {
    PackageSet set =
        PackageSetJson.fromJson(
            """
            {"manager": "dpkg",
             "packages": [{"name": "a", "version": "1.0", "epoch": null, "arch": null,
                           "configFiles": null, "reason": null}]}
            """);
    assertThat(set.packages().get(0))
        .isEqualTo(InstalledPackage.builder("a").version("1.0").build());
    assertThat(set.world()).isEmpty();
  }

  @Test
  void unknownFieldIsNamedWithItsPointer() {
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"dpkg\",\"packages\":[{\"name\":\"a\",\"version\":\"1\"},\n"
                        + "{\"name\":\"b\",\"version\":\"2\",\"colour\":\"red\"}]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("unknown field 'colour'")
        .satisfies(
            e -> {
              assertThat(((PackageFormatException) e).entry()).isEqualTo("/packages/1/colour");
              assertThat(((PackageFormatException) e).line()).isEqualTo(2);
            });
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"dpkg\",\"pkgs\":[]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("/pkgs");
  }

  @Test
  void missingRequiredFieldsAreNamedWithTheirPointer() {
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"packages\":[]}"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).entry())
        .isEqualTo("/manager");
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"apk\"}"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).entry())
        .isEqualTo("/packages");
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"apk\",\"packages\":[{\"name\":\"a\",\"version\":\"1\"},"
                        + "{\"version\":\"2\"}]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("/packages/1/name")
        .hasMessageContaining("'name' is missing");
    assertThatThrownBy(
            () -> PackageSetJson.fromJson("{\"manager\":\"apk\",\"packages\":[{\"name\":\"a\"}]}"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).entry())
        .isEqualTo("/packages/0/version");
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"apk\",\"packages\":[{\"name\":\"a\",\"version\":\"1\","
                        + "\"configFiles\":[{\"checksum\":\"x\"}]}]}"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).entry())
        .isEqualTo("/packages/0/configFiles/0/path");
  }

  @Test
  void wrongTypesAndValuesAreNamed() {
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"rpm\",\"packages\":[{\"name\":\"a\",\"version\":\"1\","
                        + "\"epoch\":\"1\"}]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("/packages/0/epoch");
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"yum\",\"packages\":[]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("unknown package manager 'yum'");
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"RPM\",\"packages\":[]}"))
        .isInstanceOf(PackageFormatException.class);
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"rpm\",\"packages\":[{\"name\":\"a\",\"version\":\"1\","
                        + "\"reason\":\"EXPLICIT\"}]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("/packages/0/reason");
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"rpm\",\"packages\":{}}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("/packages")
        .hasMessageContaining("expected an array");
  }

  @Test
  void malformedJsonDuplicatesAndTrailingContentAreFormatErrors() {
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"rpm\",\n\"packages\":[}"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(2);
    assertThatThrownBy(
            () ->
                PackageSetJson.fromJson(
                    "{\"manager\":\"rpm\",\"manager\":\"apk\",\"packages\":[]}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("manager");
    assertThatThrownBy(() -> PackageSetJson.fromJson("{\"manager\":\"rpm\",\"packages\":[]} {}"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> PackageSetJson.fromJson(""))
        .isInstanceOf(PackageFormatException.class);
  }

  private static PackageSet parse(PackageFormatParser parser, Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in);
    }
  }
}
