package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortageVdbParserTest {

  private static final Path VDB = TestArchives.resource("packages/portage/vdb");

  private static PackageSet parse(byte[] archive) throws Exception {
    return new PortageVdbParser().parse(new ByteArrayInputStream(archive));
  }

  private static Map<String, InstalledPackage> byKey(PackageSet set) {
    return set.packages().stream()
        .collect(
            Collectors.toMap(
                InstalledPackage::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  @ParameterizedTest(name = "prefix ''{0}'', gzip {1}")
  @CsvSource({"'',false", "'',true", "./,true", "/,false"})
  void sampleTreeReadsTheSameWhateverTheArchiveFlavour(String prefix, boolean gzip)
      throws Exception {
    PackageSet set = parse(TestArchives.tar(VDB, prefix, gzip));
    assertThat(set.manager()).isEqualTo(PackageManager.PORTAGE);
    // sorted tar order; the -MERGING- directory is skipped
    assertThat(set.packages())
        .extracting(InstalledPackage::key, InstalledPackage::fullVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app-admin/sudo:0", "1.9.15_p5"),
            org.assertj.core.groups.Tuple.tuple("app-crypt/gnupg:0", "2.4.5"),
            org.assertj.core.groups.Tuple.tuple("app-misc/neofetch:0", "9999"),
            org.assertj.core.groups.Tuple.tuple("dev-lang/python:3.11", "3.11.8_p1"),
            org.assertj.core.groups.Tuple.tuple("dev-lang/python:3.12", "3.12.2_p1-r1"),
            org.assertj.core.groups.Tuple.tuple("sys-apps/baselayout:0", "2.14-r2"),
            org.assertj.core.groups.Tuple.tuple("sys-kernel/gentoo-sources:6.1.69", "6.1.69"),
            org.assertj.core.groups.Tuple.tuple("sys-kernel/gentoo-sources:6.6.13", "6.6.13"),
            org.assertj.core.groups.Tuple.tuple("virtual/libc:0", "1-r1"));
    assertThat(set.world())
        .containsExactly(
            "app-admin/sudo",
            "app-crypt/gnupg",
            "app-misc/neofetch::guru",
            "dev-lang/python:3.12",
            "sys-kernel/gentoo-sources:6.6.13");
    assertThat(set.worldSets()).containsExactly("@kde-plasma");
  }

  @Test
  void slotsSubslotsRepositoriesAndArch() throws Exception {
    Map<String, InstalledPackage> p = byKey(parse(TestArchives.tar(VDB, "", true)));
    InstalledPackage python312 = p.get("dev-lang/python:3.12");
    assertThat(python312.name()).isEqualTo("python");
    assertThat(python312.category()).isEqualTo("dev-lang");
    assertThat(python312.slot()).isEqualTo("3.12");
    assertThat(python312.subslot()).isEqualTo("3.12");
    assertThat(python312.arch()).isEqualTo("x86_64");
    assertThat(python312.repository()).isEqualTo("gentoo");
    assertThat(python312.epoch()).isNull();
    assertThat(python312.release()).isNull();
    assertThat(p.get("sys-kernel/gentoo-sources:6.6.13").subslot()).isNull();
    assertThat(p.get("app-misc/neofetch:0").repository()).isEqualTo("guru");
  }

  @Test
  void reasonFollowsWorldIncludingSlotAtoms() throws Exception {
    Map<String, InstalledPackage> p = byKey(parse(TestArchives.tar(VDB, "", false)));
    assertThat(p.get("sys-kernel/gentoo-sources:6.6.13").reason())
        .isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("sys-kernel/gentoo-sources:6.1.69").reason())
        .isEqualTo(InstallReason.DEPENDENCY);
    assertThat(p.get("dev-lang/python:3.12").reason()).isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("dev-lang/python:3.11").reason()).isEqualTo(InstallReason.DEPENDENCY);
    assertThat(p.get("app-admin/sudo:0").reason()).isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("app-misc/neofetch:0").reason()).isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("sys-apps/baselayout:0").reason()).isEqualTo(InstallReason.DEPENDENCY);
    assertThat(p.get("virtual/libc:0").reason()).isEqualTo(InstallReason.DEPENDENCY);
  }

  @Test
  void configFilesAreProtectedObjectsWithTheirMd5() throws Exception {
    Map<String, InstalledPackage> p = byKey(parse(TestArchives.tar(VDB, "", true)));
    assertThat(p.get("app-admin/sudo:0").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly(
            "/etc/sudoers", "/etc/sudo.conf", "/etc/sudoers.d/10 ops team", "/etc/pam.d/sudo");
    assertThat(p.get("app-admin/sudo:0").configFiles().get(2))
        .isEqualTo(
            new ConfigFile(
                "/etc/sudoers.d/10 ops team", "md5", "16d8c47fef074531083e799356748906"));
    // /etc/env.d is in the default CONFIG_PROTECT_MASK
    assertThat(p.get("sys-apps/baselayout:0").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly("/etc/hosts", "/etc/issue.logo", "/etc/gentoo-release");
    // gnupg carries its own CONFIG_PROTECT (a file outside /etc) and masks /etc/gnupg
    assertThat(p.get("app-crypt/gnupg:0").configFiles())
        .extracting(ConfigFile::path)
        .containsExactly("/usr/share/gnupg/qualified.txt");
    assertThat(p.get("sys-kernel/gentoo-sources:6.6.13").configFiles()).isEmpty();
    assertThat(p.get("virtual/libc:0").configFiles()).isEmpty();
  }

  @Test
  void protectionIsDecidedByTheLongestMatchAndMaskWinsTies() {
    var protect = java.util.List.of("/etc", "/etc/env.d/keep");
    var mask = java.util.List.of("/etc/env.d", "/etc/fonts/fonts.conf");
    assertThat(PortageVdbParser.isProtected("/etc/hosts", protect, mask)).isTrue();
    assertThat(PortageVdbParser.isProtected("/etc/env.d/50baselayout", protect, mask)).isFalse();
    assertThat(PortageVdbParser.isProtected("/etc/env.d/keep/x", protect, mask)).isTrue();
    assertThat(PortageVdbParser.isProtected("/etc/fonts/fonts.conf", protect, mask)).isFalse();
    assertThat(PortageVdbParser.isProtected("/etc/fonts/fonts.conf.d/x", protect, mask)).isTrue();
    assertThat(PortageVdbParser.isProtected("/etcetera/x", protect, mask)).isFalse();
    assertThat(PortageVdbParser.isProtected("/usr/etc/x", protect, mask)).isFalse();
    assertThat(
            PortageVdbParser.isProtected(
                "/etc/x", java.util.List.of("/etc"), java.util.List.of("/etc")))
        .isFalse();
  }

  @Test
  void malformedObjLineNamesEntryAndLine() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/SLOT", "0\n");
    entries.put(
        "var/db/pkg/app-misc/foo-1.0/CONTENTS",
        "dir /etc\nobj /etc/foo.conf d41d8cd98f00b204e9800998ecf8427e 1700000000\nobj /etc/bar.conf nothex 12\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageStartingWith("var/db/pkg/app-misc/foo-1.0/CONTENTS:3: ")
        .satisfies(
            e -> {
              PackageFormatException f = (PackageFormatException) e;
              assertThat(f.entry()).isEqualTo("var/db/pkg/app-misc/foo-1.0/CONTENTS");
              assertThat(f.line()).isEqualTo(3);
            });
  }

  @Test
  void unknownContentsTypeIsAnError() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/SLOT", "0\n");
    entries.put("var/db/pkg/app-misc/foo-1.0/CONTENTS", "lnk /etc/x\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("CONTENTS:1")
        .hasMessageContaining("'lnk'");
  }

  @Test
  void packageWithoutSlotIsAnError() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/CONTENTS", "");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("var/db/pkg/app-misc/foo-1.0")
        .hasMessageContaining("SLOT");
  }

  @Test
  void directoryNameThatHasNoVersionIsAnError() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-bar/SLOT", "0\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("foo-bar");
  }

  @Test
  void categoryFileMustAgreeWithTheDirectory() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/CATEGORY", "app-admin\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("CATEGORY");
  }

  @Test
  void pathTraversalIsRejected() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/SLOT", "0\n");
    entries.put("var/db/pkg/../../../etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("path traversal")
        .extracting(e -> ((PackageFormatException) e).entry())
        .isEqualTo("var/db/pkg/../../../etc/passwd");
  }

  @Test
  void interleavedPackageDirectoriesAreRejected() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/app-misc/foo-1.0/SLOT", "0\n");
    entries.put("var/db/pkg/app-misc/bar-1.0/SLOT", "0\n");
    entries.put("var/db/pkg/app-misc/foo-1.0/CONTENTS", "");
    assertThatThrownBy(() -> parse(TestArchives.tar(entries)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("not contiguous");
  }

  @Test
  void archiveWithoutVdbIsRejected() {
    assertThatThrownBy(() -> parse(TestArchives.tar(Map.of("etc/hostname", "box\n"))))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("not a Portage vdb");
  }

  @Test
  void worldAtomsWithOperatorsUseAndRepoStillMatch() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/db/pkg/dev-lang/python-3.12.2_p1-r1/SLOT", "3.12/3.12\n");
    entries.put("var/db/pkg/dev-lang/python-3.11.8_p1/SLOT", "3.11/3.11\n");
    entries.put("var/db/pkg/app-misc/foo-1.0/SLOT", "0\n");
    entries.put("var/db/pkg/app-misc/bar-2.0/SLOT", "0\n");
    entries.put(
        "var/lib/portage/world",
        ">=dev-lang/python-3.12:3.12/3.12::gentoo[sqlite]\n=app-misc/foo-1*\n!app-misc/bar\n");
    Map<String, InstalledPackage> p = byKey(parse(TestArchives.tar(entries)));
    assertThat(p.get("dev-lang/python:3.12").reason()).isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("dev-lang/python:3.11").reason()).isEqualTo(InstallReason.DEPENDENCY);
    assertThat(p.get("app-misc/foo:0").reason()).isEqualTo(InstallReason.EXPLICIT);
    assertThat(p.get("app-misc/bar:0").reason()).isEqualTo(InstallReason.DEPENDENCY);
  }
}
