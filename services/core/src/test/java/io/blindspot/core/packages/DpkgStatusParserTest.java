package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DpkgStatusParserTest {

  /** A real Debian 12 server's status file, shared by the team. */
  private static final Path SAMPLE = SharedSamples.dpkgStatus();

  private static PackageSet sample;
  private static Map<String, InstalledPackage> byName;

  @BeforeAll
  static void parseSample() throws Exception {
    try (InputStream in = Files.newInputStream(SAMPLE)) {
      sample = new DpkgStatusParser().parse(in);
    }
    byName =
        sample.packages().stream()
            .collect(Collectors.toMap(InstalledPackage::key, Function.identity()));
  }

  @Test
  void realSampleHasEveryInstalledEntryCountedIndependently() throws IOException {
    // Independent count: paragraphs whose Status line is "<want> ok installed", the way
    // `grep -c '^Status: .* ok installed$'` would count them (750 on this sample).
    long installed =
        Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith("Status: ") && line.endsWith(" ok installed"))
            .count();
    assertThat(installed).isEqualTo(750);
    assertThat(sample.packages()).hasSize((int) installed);
    assertThat(sample.manager()).isEqualTo(PackageManager.DPKG);
    assertThat(sample.world()).isEmpty();
  }

  @Test
  void fullVersionPrintsEveryVersionLineBackExactly() throws IOException {
    // Package -> Version as written in the file, read with plain string handling.
    Map<String, String> written = new LinkedHashMap<>();
    String name = null;
    String arch = null;
    for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
      if (line.startsWith("Package: ")) {
        name = line.substring(9);
      } else if (line.startsWith("Architecture: ")) {
        arch = line.substring(14);
      } else if (line.startsWith("Version: ")) {
        written.put(name + "." + arch, line.substring(9));
      }
    }
    assertThat(sample.packages())
        .allSatisfy(p -> assertThat(p.fullVersion()).isEqualTo(written.get(p.key())));
    assertThat(sample.packages()).allSatisfy(p -> assertThat(p.release()).isNull());
  }

  @Test
  void knownPackagesFromTheSample() {
    InstalledPackage adduser = byName.get("adduser.all");
    assertThat(adduser.version()).isEqualTo("3.134");
    assertThat(adduser.epoch()).isNull();
    assertThat(adduser.reason()).isEqualTo(InstallReason.UNKNOWN);
    assertThat(adduser.configFiles())
        .containsExactly(
            new ConfigFile("/etc/adduser.conf", "md5", "cc3493ecd2d09837ffdcc3e25fdfff18"),
            new ConfigFile("/etc/deluser.conf", "md5", "11a06baf8245fd8d690b99024d228c1f"));

    InstalledPackage bsdutils = byName.get("bsdutils.amd64");
    assertThat(bsdutils.epoch()).isEqualTo(1);
    assertThat(bsdutils.version()).isEqualTo("2.38.1-5+deb12u3");
    assertThat(bsdutils.fullVersion()).isEqualTo("1:2.38.1-5+deb12u3");

    InstalledPackage sshd = byName.get("openssh-server.amd64");
    assertThat(sshd.fullVersion()).isEqualTo("1:9.2p1-2+deb12u10");
    assertThat(sshd.configFiles()).hasSize(9);
    assertThat(sshd.configFiles().get(3))
        .isEqualTo(new ConfigFile("/etc/ssh/moduli", "md5", "1f68f6ab5e45958e61ff32297ea1c3ec"));

    assertThat(byName.get("libc6.amd64").version()).isEqualTo("2.36-9+deb12u14");
    assertThat(byName.get("cpp.amd64").fullVersion()).isEqualTo("4:12.2.0-3");
  }

  @Test
  void newConffileWithRemoveOnUpgradeFlagHasNoChecksum() {
    // pkgconf's conffile is written as "<path> newconffile remove-on-upgrade" in the sample.
    assertThat(byName.get("pkgconf.amd64").configFiles())
        .containsExactly(new ConfigFile("/etc/dpkg/dpkg.cfg.d/pkgconf-hook-config", null, null));
  }

  @Test
  void onlyEntriesWithInstalledStatusCount() throws Exception {
    PackageSet set =
        parse(
            """
            Package: a
            Status: install ok installed
            Version: 1.0

            Package: b
            Status: hold ok installed
            Version: 2.0

            Package: c
            Status: deinstall ok config-files
            Version: 3.0
            Conffiles:
             /etc/c.conf 0123456789abcdef0123456789abcdef

            Package: d
            Status: install reinstreq half-installed
            Version: 4.0

            Package: e
            Status: purge ok not-installed

            Package: f
            Status: install ok unpacked
            Version: 6.0

            Package: g
            Status: install ok triggers-pending
            Version: 7.0

            Package: h
            Status: deinstall ok installed
            Version: 8.0
            """);
    assertThat(set.packages())
        .extracting(InstalledPackage::name)
        .containsExactly("a", "b", "g", "h");
  }

  @Test
  void conffileFlagsAndPathsWithSpaces() throws Exception {
    PackageSet set =
        parse(
            """
            Package: x
            Status: install ok installed
            Architecture: amd64
            Version: 0:1.2~rc1-0+deb12u1
            Conffiles:
             /etc/x/old.conf 11111111111111111111111111111111 obsolete
             /etc/x/my file.conf 22222222222222222222222222222222
             /etc/x/gone.conf 33333333333333333333333333333333 remove-on-upgrade
            Description: something
             long text with a line that looks like: a field
             .
            """);
    InstalledPackage x = set.packages().get(0);
    assertThat(x.epoch()).isZero();
    assertThat(x.fullVersion()).isEqualTo("0:1.2~rc1-0+deb12u1");
    assertThat(x.configFiles())
        .containsExactly(
            new ConfigFile("/etc/x/old.conf", "md5", "11111111111111111111111111111111"),
            new ConfigFile("/etc/x/my file.conf", "md5", "22222222222222222222222222222222"),
            new ConfigFile("/etc/x/gone.conf", "md5", "33333333333333333333333333333333"));
  }

  @Test
  void crlfLineEndingsAndMissingTrailingNewlineAreAccepted() throws Exception {
    PackageSet set =
        parse(
            "Package: a\r\nStatus: install ok installed\r\nVersion: 1.0\r\n\r\nPackage: b\r\n"
                + "Status: install ok installed\r\nVersion: 2.0");
    assertThat(set.packages())
        .extracting(InstalledPackage::fullVersion)
        .containsExactly("1.0", "2.0");
  }

  @Test
  void lineThatIsNeitherFieldNorContinuationNamesItsLine() {
    assertThatThrownBy(
            () -> parse("Package: a\nStatus: install ok installed\nVersion: 1.0\nthis is junk\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining("this is junk")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(4);
  }

  @Test
  void continuationBeforeAnyFieldIsAnError() {
    assertThatThrownBy(
            () -> parse("Package: a\nStatus: install ok installed\nVersion: 1\n\n orphan\n"))
        .isInstanceOf(PackageFormatException.class)
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(5);
  }

  @Test
  void entryWithoutPackageNamesTheLineItStartsOn() {
    assertThatThrownBy(
            () ->
                parse(
                    "Package: a\nStatus: install ok installed\nVersion: 1\n\n"
                        + "Status: install ok installed\nVersion: 2\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("without Package")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(5);
  }

  @Test
  void installedEntryWithoutVersionNamesThePackage() {
    assertThatThrownBy(() -> parse("Package: nover\nStatus: install ok installed\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("'nover'")
        .hasMessageContaining("Version");
  }

  @Test
  void nonNumericEpochNamesThePackage() {
    assertThatThrownBy(
            () -> parse("Package: badepoch\nStatus: install ok installed\nVersion: x:1.0\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("badepoch")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(3);
  }

  @Test
  void duplicateFieldIsAnError() {
    assertThatThrownBy(
            () -> parse("Package: a\nStatus: install ok installed\nVersion: 1\nversion: 2\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("duplicate field");
  }

  @Test
  void emptyInputIsAnEmptySet() throws Exception {
    assertThat(parse("").packages()).isEmpty();
    assertThat(parse("\n\n").packages()).isEmpty();
  }

  private static PackageSet parse(String text) throws Exception {
    return new DpkgStatusParser()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
