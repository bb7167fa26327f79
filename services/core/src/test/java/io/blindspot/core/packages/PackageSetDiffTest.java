package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.packages.PackageSetDiff.PackageVersion;
import io.blindspot.core.packages.PackageSetDiff.VersionChange;
import io.blindspot.core.versions.Versions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageSetDiffTest {

  private static InstalledPackage rpm(String name, String version, String release) {
    return InstalledPackage.builder(name).version(version).release(release).arch("x86_64").build();
  }

  private static PackageSet rpmSet(InstalledPackage... packages) {
    return new PackageSet(PackageManager.RPM, Arrays.asList(packages), List.of(), List.of());
  }

  private static PackageSetDiff diff(PackageSet from, PackageSet to) {
    return PackageSetDiff.between(from, to, Versions.comparatorFor(from.manager()));
  }

  @Test
  void addedRemovedAndChangedByKey() {
    PackageSetDiff d =
        diff(
            rpmSet(
                rpm("bash", "5.1.8", "9.el9"),
                rpm("nano", "5.6.1", "5.el9"),
                rpm("tar", "1.34", "6.el9")),
            rpmSet(
                rpm("bash", "5.1.8", "9.el9"),
                rpm("tar", "1.34", "7.el9"),
                rpm("vim", "8.2", "1.el9")));
    assertThat(d.added()).containsExactly(new PackageVersion("vim.x86_64", "8.2-1.el9"));
    assertThat(d.removed()).containsExactly(new PackageVersion("nano.x86_64", "5.6.1-5.el9"));
    assertThat(d.changed())
        .containsExactly(new VersionChange("tar.x86_64", "1.34-6.el9", "1.34-7.el9"));
    assertThat(d.noChanges()).isFalse();
  }

  @Test
  void identicalSetsHaveNoChanges() {
    PackageSet set = rpmSet(rpm("bash", "5.1.8", "9.el9"));
    assertThat(diff(set, set).noChanges()).isTrue();
  }

  @Test
  void installOnlyPackagesPairOldestWithOldest() {
    // kernel-core 362 and 427 installed; an update installs 513 and removes 362.
    PackageSetDiff d =
        diff(
            rpmSet(
                rpm("kernel-core", "5.14.0", "362.8.1.el9_3"),
                rpm("kernel-core", "5.14.0", "427.13.1.el9_4")),
            rpmSet(
                rpm("kernel-core", "5.14.0", "427.13.1.el9_4"),
                rpm("kernel-core", "5.14.0", "503.11.1.el9_5")));
    assertThat(d.changed())
        .containsExactly(
            new VersionChange(
                "kernel-core.x86_64", "5.14.0-362.8.1.el9_3", "5.14.0-503.11.1.el9_5"));
    assertThat(d.added()).isEmpty();
    assertThat(d.removed()).isEmpty();

    // a third kernel appears next to the two
    PackageSetDiff third =
        diff(
            rpmSet(rpm("kernel-core", "5.14.0", "362.8.1.el9_3")),
            rpmSet(
                rpm("kernel-core", "5.14.0", "362.8.1.el9_3"),
                rpm("kernel-core", "5.14.0", "427.13.1.el9_4")));
    assertThat(third.added())
        .containsExactly(new PackageVersion("kernel-core.x86_64", "5.14.0-427.13.1.el9_4"));
    assertThat(third.changed()).isEmpty();
  }

  @Test
  void gentooSlotsAreSeparateKeys() {
    InstalledPackage k66 =
        InstalledPackage.builder("gentoo-sources")
            .category("sys-kernel")
            .version("6.6.13")
            .slot("6.6.13")
            .build();
    InstalledPackage k61 =
        InstalledPackage.builder("gentoo-sources")
            .category("sys-kernel")
            .version("6.1.69")
            .slot("6.1.69")
            .build();
    PackageSet before = new PackageSet(PackageManager.PORTAGE, List.of(k61, k66), null, null);
    PackageSet after = new PackageSet(PackageManager.PORTAGE, List.of(k66), null, null);
    PackageSetDiff d = diff(before, after);
    assertThat(d.removed())
        .containsExactly(new PackageVersion("sys-kernel/gentoo-sources:6.1.69", "6.1.69"));
    assertThat(d.changed()).isEmpty();
  }

  @Test
  void serialisesToPlainJsonAndBack() throws Exception {
    PackageSetDiff d =
        diff(
            rpmSet(rpm("nano", "5.6.1", "5.el9"), rpm("tar", "1.34", "6.el9")),
            rpmSet(rpm("tar", "1.34", "7.el9"), rpm("vim", "8.2", "1.el9")));
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(d);
    assertThat(json)
        .isEqualTo(
            "{\"added\":[{\"key\":\"vim.x86_64\",\"version\":\"8.2-1.el9\"}],"
                + "\"removed\":[{\"key\":\"nano.x86_64\",\"version\":\"5.6.1-5.el9\"}],"
                + "\"changed\":[{\"key\":\"tar.x86_64\",\"from\":\"1.34-6.el9\",\"to\":\"1.34-7.el9\"}]}");
    assertThat(mapper.readValue(json, PackageSetDiff.class)).isEqualTo(d);
  }
}
