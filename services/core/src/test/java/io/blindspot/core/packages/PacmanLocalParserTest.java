package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacmanLocalParserTest {

  private static final Path LOCAL = TestArchives.resource("packages/pacman/local");

  private static PackageSet parse(byte[] archive) throws Exception {
    return new PacmanLocalParser().parse(new ByteArrayInputStream(archive));
  }

  private static final String DESC = "%NAME%\nfoo\n\n%VERSION%\n1.0-1\n\n%ARCH%\nx86_64\n\n";

  @Test
  void sampleDatabase() throws Exception {
    PackageSet set = parse(TestArchives.tar(LOCAL, "/", true));
    assertThat(set.manager()).isEqualTo(PackageManager.PACMAN);
    assertThat(set.packages())
        .extracting(InstalledPackage::key, InstalledPackage::fullVersion, InstalledPackage::reason)
        .containsExactly(
            tuple("bash.x86_64", "5.2.026-2", InstallReason.EXPLICIT),
            tuple("glibc.x86_64", "2.39-1", InstallReason.DEPENDENCY),
            tuple("linux.x86_64", "6.7.4.arch1-1", InstallReason.EXPLICIT),
            tuple("mesa.x86_64", "1:23.3.5-1", InstallReason.DEPENDENCY),
            tuple("openssh.x86_64", "9.6p1-1", InstallReason.EXPLICIT),
            tuple("tzdata.any", "2024a-1", InstallReason.DEPENDENCY));
    assertThat(set.world()).containsExactly("bash", "linux", "openssh");
    InstalledPackage mesa = set.packages().get(3);
    assertThat(mesa.epoch()).isEqualTo(1);
    assertThat(mesa.version()).isEqualTo("23.3.5");
    assertThat(mesa.release()).isEqualTo("1");
    assertThat(mesa.repository()).isNull();
  }

  @Test
  void backupEntriesBecomeAbsoluteConfigFilesWithMd5() throws Exception {
    PackageSet set = parse(TestArchives.tar(LOCAL, "", false));
    assertThat(set.packages().get(0).configFiles())
        .containsExactly(
            new ConfigFile("/etc/bash.bash_logout", "md5", "2e24f01cf67254ad2356cff97be87525"),
            new ConfigFile("/etc/bash.bashrc", "md5", "953a137efbfe8ae1bfbacdd3ab319cee"),
            new ConfigFile("/etc/skel/.bash_logout", "md5", "fb40012d50ea1375320e41810ba3c60a"),
            new ConfigFile("/etc/skel/.bashrc", "md5", "910d775bbaf2cf22fea5fcacd6e65f00"));
    assertThat(set.packages().get(5).configFiles()).as("tzdata has no files entry").isEmpty();
  }

  @Test
  void filesBeforeDescIsFine() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(
        "var/lib/pacman/local/foo-1.0-1/files",
        "%FILES%\netc/foo.conf\n\n%BACKUP%\netc/foo.conf\tabc\n\n");
    entries.put("var/lib/pacman/local/foo-1.0-1/desc", DESC);
    PackageSet set = parse(TestArchives.tar(entries));
    assertThat(set.packages().get(0).configFiles())
        .containsExactly(new ConfigFile("/etc/foo.conf", "md5", "abc"));
  }

  @Test
  void directoryMustMatchNameAndVersion() {
    Map<String, String> entries = Map.of("var/lib/pacman/local/foo-1.0-2/desc", DESC);
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("var/lib/pacman/local/foo-1.0-2/desc")
        .hasMessageContaining("does not match foo-1.0-1");
  }

  @Test
  void packageWithoutDescIsAnError() {
    Map<String, String> entries =
        Map.of("var/lib/pacman/local/foo-1.0-1/files", "%FILES%\nusr/\n\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("no desc");
  }

  @Test
  void unknownReasonNamesEntryAndLine() {
    Map<String, String> entries =
        Map.of("var/lib/pacman/local/foo-1.0-1/desc", DESC + "%REASON%\n2\n\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("var/lib/pacman/local/foo-1.0-1/desc:11: ");
  }

  @Test
  void valueOutsideASectionNamesEntryAndLine() {
    Map<String, String> entries =
        Map.of("var/lib/pacman/local/foo-1.0-1/desc", "%NAME%\nfoo\n\nstray\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("var/lib/pacman/local/foo-1.0-1/desc:4: ");
  }

  @Test
  void backupLineWithoutTabIsAnError() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/lib/pacman/local/foo-1.0-1/desc", DESC);
    entries.put("var/lib/pacman/local/foo-1.0-1/files", "%BACKUP%\netc/foo.conf abc\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("var/lib/pacman/local/foo-1.0-1/files:2: ");
  }

  @Test
  void archiveWithoutLocalDatabaseIsRejected() {
    assertThatThrownBy(() -> parse(TestArchives.tar(Map.of("etc/hostname", "box\n"))))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("not a pacman local database");
  }
}
