package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApkInstalledParserTest {

  private static PackageSet sample;
  private static Map<String, InstalledPackage> byName;

  @BeforeAll
  static void parseSample() throws Exception {
    try (InputStream in = Files.newInputStream(TestArchives.resource("packages/apk/installed"))) {
      sample = new ApkInstalledParser().parse(in);
    }
    byName =
        sample.packages().stream()
            .collect(Collectors.toMap(InstalledPackage::name, Function.identity()));
  }

  private static PackageSet parse(String text) throws Exception {
    return new ApkInstalledParser()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void sampleVersionsPrintBackExactly() {
    assertThat(sample.manager()).isEqualTo(PackageManager.APK);
    assertThat(sample.packages())
        .extracting(InstalledPackage::key, InstalledPackage::fullVersion)
        .containsExactly(
            tuple("alpine-baselayout-data.x86_64", "3.4.3-r2"),
            tuple("musl.x86_64", "1.2.4_git20230717-r4"),
            tuple("busybox.x86_64", "1.36.1-r15"),
            tuple("alpine-keys.x86_64", "2.4-r1"),
            tuple("openssh-server-common.x86_64", "9.6_p1-r0"));
    InstalledPackage musl = byName.get("musl");
    assertThat(musl.version()).isEqualTo("1.2.4_git20230717");
    assertThat(musl.release()).isEqualTo("r4");
    assertThat(musl.epoch()).isNull();
    assertThat(musl.reason()).isEqualTo(InstallReason.UNKNOWN);
    assertThat(musl.configFiles()).isEmpty();
  }

  @Test
  void configFilesAreTheFilesUnderEtcWithTheirChecksum() {
    assertThat(byName.get("alpine-baselayout-data").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly(
            "/etc/fstab",
            "/etc/group",
            "/etc/hostname",
            "/etc/hosts",
            "/etc/inittab",
            "/etc/passwd",
            "/etc/shadow",
            "/etc/shells",
            "/etc/profile.d/color_prompt.sh.disabled");
    assertThat(byName.get("alpine-baselayout-data").configFiles().get(0))
        .isEqualTo(new ConfigFile("/etc/fstab", "sha1", "Q1sY8P5xRP4yi8jIU2uWoC58AThYg="));
    // /bin/busybox and /bin/sh are not config files
    assertThat(byName.get("busybox").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly("/etc/securetty", "/etc/udhcpd.conf", "/etc/logrotate.d/acpid");
    assertThat(byName.get("alpine-keys").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly("/etc/apk/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub");
    assertThat(byName.get("openssh-server-common").configFiles())
        .extracting(ConfigFile::path, ConfigFile::algorithm)
        .containsExactly(tuple("/etc/ssh/sshd_config", "sha256"), tuple("/etc/conf.d/sshd", null));
    assertThat(byName.get("openssh-server-common").configFiles().get(1).checksum()).isNull();
  }

  @Test
  void lineThatIsNotAFieldNamesTheLine() {
    assertThatThrownBy(() -> parse("P:musl\nV:1.2.4-r4\nthis is not apk\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("line 3: ");
  }

  @Test
  void packageWithoutVersionIsNamed() {
    assertThatThrownBy(() -> parse("P:musl\nV:1.2.4-r4\n\nP:busybox\nA:x86_64\n\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("'busybox'")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(4);
  }

  @Test
  void packageWithoutNameNamesItsFirstLine() {
    assertThatThrownBy(() -> parse("P:musl\nV:1.2.4-r4\n\nC:Q1abc=\nV:1.0-r0\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("no P:")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(4);
  }

  @Test
  void checksumWithoutFileIsAnError() {
    assertThatThrownBy(() -> parse("P:a\nV:1-r0\nF:etc\nZ:Q1abc=\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("line 4: ");
  }

  @Test
  void filesBeforeAnyFolderLiveInTheRootAndVersionsWithoutRevisionStayWhole() throws Exception {
    PackageSet set = parse("P:a\nV:1.0\nR:etc-not-a-dir\nF:etc\nR:a.conf\n");
    InstalledPackage a = set.packages().get(0);
    assertThat(a.version()).isEqualTo("1.0");
    assertThat(a.release()).isNull();
    assertThat(a.fullVersion()).isEqualTo("1.0");
    assertThat(a.configFiles()).extracting(ConfigFile::path).containsExactly("/etc/a.conf");
  }
}
