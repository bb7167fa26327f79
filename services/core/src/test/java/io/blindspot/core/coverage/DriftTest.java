package io.blindspot.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.versions.Versions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTest {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  static InstalledPackage pkg(String name, String version) {
    return InstalledPackage.builder(name).category("dev-libs").version(version).slot("0").build();
  }

  @Test
  void theBackupsCopyOfTheWorldIsDaysAndPackagesBehind() {
    List<InstalledPackage> then = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      then.add(pkg("lib" + i, "1.0"));
    }
    List<InstalledPackage> now = new ArrayList<>(then.subList(2, 20)); // lib0, lib1 removed
    now.set(0, pkg("lib2", "1.1")); // upgraded
    now.set(1, pkg("lib3", "1.2"));
    for (int i = 0; i < 10; i++) {
      now.add(pkg("new" + i, "0.1"));
    }
    PackageSetDiff diff =
        PackageSetDiff.between(
            new PackageSet(PackageManager.PORTAGE, then, List.of(), List.of()),
            new PackageSet(PackageManager.PORTAGE, now, List.of(), List.of()),
            Versions.comparatorFor(PackageManager.PORTAGE));

    Drift drift = Drift.of("dirvish", NOW.minus(Duration.ofHours(3 * 24 + 5)), diff, NOW);

    assertThat(drift.packagesBehind()).isEqualTo(14);
    assertThat(drift.summary())
        .isEqualTo("the backup's copy of your world is 3 days and 14 packages behind (dirvish)");
  }

  @Test
  void aCurrentCopySaysSoWithoutNegativeOrZeroAges() {
    PackageSet set =
        new PackageSet(PackageManager.PORTAGE, List.of(pkg("a", "1")), List.of(), List.of());
    PackageSetDiff none =
        PackageSetDiff.between(set, set, Versions.comparatorFor(PackageManager.PORTAGE));
    assertThat(Drift.of("j", NOW.minus(Duration.ofHours(1)), none, NOW).summary())
        .isEqualTo("the backup's copy of the package database (j, 1 hour old) is current");
    assertThat(Drift.of("j", NOW.minus(Duration.ofMinutes(20)), none, NOW).summary())
        .contains("under an hour old");
    assertThat(Drift.of("j", NOW.plus(Duration.ofMinutes(5)), none, NOW).summary())
        .contains("under an hour old");
  }
}
