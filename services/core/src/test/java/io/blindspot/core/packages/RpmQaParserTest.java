package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RpmQaParserTest {

  private static PackageSet parse(String text) throws Exception {
    return new RpmQaParser().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void queryFormatIsTheDocumentedOne() {
    // The README copies this string; changing it breaks every agent.
    assertThat(RpmQaParser.QUERY_FORMAT)
        .isEqualTo(
            "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n");
  }

  @Test
  void sampleFromARhel9Host() throws Exception {
    PackageSet set;
    try (InputStream in = Files.newInputStream(TestArchives.resource("packages/rpm/rpm-qa.tsv"))) {
      set = new RpmQaParser().parse(in);
    }
    assertThat(set.manager()).isEqualTo(PackageManager.RPM);
    // two gpg-pubkey lines are skipped
    assertThat(set.packages())
        .extracting(InstalledPackage::key, InstalledPackage::fullVersion)
        .containsExactly(
            tuple("bash.x86_64", "5.1.8-9.el9"),
            tuple("openssl.x86_64", "1:3.0.7-27.el9"),
            tuple("openssl-libs.x86_64", "1:3.0.7-27.el9"),
            tuple("glibc.x86_64", "2.34-83.el9_3.12"),
            tuple("glibc.i686", "2.34-83.el9_3.12"),
            tuple("kernel-core.x86_64", "5.14.0-362.8.1.el9_3"),
            tuple("kernel-core.x86_64", "5.14.0-427.13.1.el9_4"),
            tuple("vim-minimal.x86_64", "2:8.2.2637-20.el9_1"),
            tuple("tzdata.noarch", "2024a-1.el9"),
            tuple("python3-dnf.noarch", "4.14.0-8.el9"),
            tuple("demo-novendor.noarch", "0.9~rc1-0.1"));
    InstalledPackage openssl = set.packages().get(1);
    assertThat(openssl.epoch()).isEqualTo(1);
    assertThat(openssl.version()).isEqualTo("3.0.7");
    assertThat(openssl.release()).isEqualTo("27.el9");
    assertThat(openssl.repository()).isEqualTo("Red Hat, Inc.");
    assertThat(openssl.reason()).isEqualTo(InstallReason.UNKNOWN);
    assertThat(set.packages().get(0).epoch()).as("EPOCHNUM 0 means no epoch").isNull();
    assertThat(set.packages().get(10).repository()).as("(none) vendor").isNull();
  }

  @Test
  void wrongColumnCountNamesTheLine() {
    assertThatThrownBy(
            () -> parse("bash\t0\t5.1.8\t9.el9\tx86_64\t1\tRed Hat\nzsh\t0\t5.8\t1.el9\tx86_64\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("line 2: expected 7 tab-separated columns")
        .extracting(e -> ((PackageFormatException) e).line())
        .isEqualTo(2);
  }

  @Test
  void spaceSeparatedOutputIsRejected() {
    assertThatThrownBy(() -> parse("bash 0 5.1.8 9.el9 x86_64 1 vendor\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("got 1");
  }

  @Test
  void nonNumericEpochOrInstallTimeNamesTheLine() {
    assertThatThrownBy(() -> parse("bash\t(none)\t5.1.8\t9.el9\tx86_64\t1\tv\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("EPOCHNUM");
    assertThatThrownBy(() -> parse("\nbash\t0\t5.1.8\t9.el9\tx86_64\tyesterday\tv\n"))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("INSTALLTIME");
  }

  @Test
  void blankLinesAndCrlfAreTolerated() throws Exception {
    PackageSet set = parse("\r\nbash\t0\t5.1.8\t9.el9\tx86_64\t1\tv\r\n\r\n");
    assertThat(set.packages())
        .singleElement()
        .extracting(InstalledPackage::repository)
        .isEqualTo("v");
  }
}
