package io.blindspot.core.rebuild;

import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.CoverageStatus;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.world.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns a package set, an inventory and a coverage report into a {@link RebuildPlan}. */
public final class RebuildPlanner {

  /**
   * Without dependency data, a Gentoo order that builds puts the toolchain first, then the system
   * set's categories, then libraries, then everything else; within a rank, the vdb's own order.
   */
  private static final List<String> PORTAGE_FIRST =
      List.of(
          "sys-kernel/linux-headers",
          "sys-libs/glibc",
          "sys-devel/binutils",
          "sys-devel/gcc",
          "sys-devel/make",
          "sys-apps/portage");

  private static final Map<String, Integer> CATEGORY_RANK =
      Map.of("sys-libs", 1, "sys-devel", 2, "sys-apps", 3, "dev-lang", 4, "dev-libs", 5);

  public RebuildPlan plan(
      String hostname, PackageSet packages, Inventory inventory, CoverageReport coverage) {
    List<RebuildPlan.Step> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String partitionTable = inventory == null ? null : inventory.partitionTable();
    String fstab = inventory == null ? null : inventory.fstab();
    if (partitionTable != null && !partitionTable.isBlank()) {
      steps.add(
          new RebuildPlan.Step(
              "Partition the disk (review the device names first)",
              List.of("sfdisk /dev/DISK < partition-table.sfdisk")));
    } else {
      warnings.add("no partition table was reported: install sfdisk or lsblk on the server");
    }
    List<String> world = List.of();
    List<String> atoms = List.of();
    String manager = null;
    if (packages != null) {
      manager = packages.manager().id();
      List<InstalledPackage> ordered = order(packages);
      atoms = ordered.stream().map(p -> atom(packages, p)).toList();
      world = world(packages);
      steps.addAll(packageSteps(packages, ordered, atoms, world, warnings));
    } else {
      warnings.add("no package list was uploaded: the plan cannot reinstall packages");
    }
    List<RebuildPlan.Restore> restore = restore(coverage, warnings);
    return new RebuildPlan(
        hostname, manager, world, atoms, steps, partitionTable, fstab, restore, warnings);
  }

  private static List<InstalledPackage> order(PackageSet set) {
    List<InstalledPackage> list = new ArrayList<>(set.packages());
    if (set.manager() != io.blindspot.core.packages.PackageManager.PORTAGE) {
      return list;
    }
    list.sort(Comparator.comparingInt(RebuildPlanner::portageRank)); // stable: vdb order within
    return list;
  }

  private static int portageRank(InstalledPackage p) {
    int first = PORTAGE_FIRST.indexOf(p.qualifiedName());
    if (first >= 0) {
      return first;
    }
    return 100 + CATEGORY_RANK.getOrDefault(p.category(), 10);
  }

  /** The manager's exact install atom for one package. */
  static String atom(PackageSet set, InstalledPackage p) {
    return switch (set.manager()) {
      case PORTAGE -> "=" + p.qualifiedName() + "-" + p.version();
      case DPKG ->
          p.name()
              + (p.arch() != null && !p.arch().equals("all") && !p.arch().equals("amd64")
                  ? ":" + p.arch()
                  : "")
              + "="
              + p.fullVersion();
      case RPM ->
          p.name()
              + "-"
              + (p.epoch() == null ? "0" : p.epoch())
              + ":"
              + p.version()
              + (p.release() == null ? "" : "-" + p.release())
              + (p.arch() == null ? "" : "." + p.arch());
      case APK -> p.name() + "=" + p.fullVersion();
      case PACMAN -> p.name() + "=" + p.fullVersion();
    };
  }

  private static List<String> world(PackageSet set) {
    if (!set.world().isEmpty()) {
      return set.world();
    }
    return set.packages().stream()
        .filter(p -> p.reason() == InstallReason.EXPLICIT)
        .map(InstalledPackage::qualifiedName)
        .distinct()
        .toList();
  }

  private static List<RebuildPlan.Step> packageSteps(
      PackageSet set,
      List<InstalledPackage> ordered,
      List<String> atoms,
      List<String> world,
      List<String> warnings) {
    List<RebuildPlan.Step> steps = new ArrayList<>();
    boolean reasonsKnown = ordered.stream().anyMatch(p -> p.reason() != InstallReason.UNKNOWN);
    switch (set.manager()) {
      case PORTAGE -> {
        steps.add(
            new RebuildPlan.Step(
                "Restore the world file (and world_sets)",
                List.of(
                    "mkdir -p /var/lib/portage",
                    "cp world /var/lib/portage/world",
                    set.worldSets().isEmpty()
                        ? "true"
                        : "cp world_sets /var/lib/portage/world_sets")));
        steps.add(
            new RebuildPlan.Step(
                "Reinstall every package at its exact version, every slot included",
                chunk("emerge --oneshot --nodeps", atoms)));
      }
      case DPKG -> {
        steps.add(
            new RebuildPlan.Step(
                "Reinstall every package at its exact version",
                chunk("apt-get install -y --allow-downgrades", atoms)));
        if (reasonsKnown) {
          steps.add(
              new RebuildPlan.Step(
                  "Mark what was installed by hand", chunk("apt-mark manual", world)));
        } else {
          warnings.add(
              "dpkg's status does not say which packages were installed by hand: every package will"
                  + " be marked manual; upload /var/lib/apt/extended_states to keep the difference");
        }
      }
      case RPM ->
          steps.add(
              new RebuildPlan.Step(
                  "Reinstall every package at its exact version", chunk("dnf install -y", atoms)));
      case APK -> {
        steps.add(
            new RebuildPlan.Step(
                "Reinstall every package at its exact version", chunk("apk add", atoms)));
        if (!world.isEmpty()) {
          steps.add(new RebuildPlan.Step("Restore the world", List.of("cp world /etc/apk/world")));
        }
      }
      case PACMAN -> {
        List<String> explicit =
            ordered.stream()
                .filter(p -> p.reason() != InstallReason.DEPENDENCY)
                .map(InstalledPackage::name)
                .toList();
        List<String> dependencies =
            ordered.stream()
                .filter(p -> p.reason() == InstallReason.DEPENDENCY)
                .map(InstalledPackage::name)
                .toList();
        steps.add(
            new RebuildPlan.Step(
                "Reinstall the explicitly installed packages, then the dependencies",
                concat(
                    chunk("pacman -S --needed --noconfirm --asexplicit", explicit),
                    chunk("pacman -S --needed --noconfirm --asdeps", dependencies))));
        warnings.add(
            "pacman installs the repositories' current versions; the exact ones are listed in"
                + " `packages` (take them from the Arch Linux Archive with pacman -U)");
      }
    }
    return steps;
  }

  private static List<String> chunk(String command, List<String> atoms) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < atoms.size(); i += 50) {
      lines.add(command + " " + String.join(" ", atoms.subList(i, Math.min(atoms.size(), i + 50))));
    }
    return lines;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<RebuildPlan.Restore> restore(CoverageReport coverage, List<String> warnings) {
    List<RebuildPlan.Restore> restore = new ArrayList<>();
    if (coverage == null) {
      warnings.add("coverage has not been evaluated yet: what to restore from backups is unknown");
      return restore;
    }
    for (AssetCoverage asset : coverage.assets()) {
      List<RebuildPlan.Source> sources =
          asset.jobs().stream()
              .filter(AssetCoverage.JobVerdict::included)
              .map(j -> new RebuildPlan.Source(j.job(), j.tool(), j.snapshot()))
              .toList();
      if (asset.status() == CoverageStatus.UNCOVERED) {
        warnings.add(
            asset.asset().kind().id()
                + " "
                + asset.asset().path()
                + " is in no backup: it cannot be restored");
      }
      restore.add(
          new RebuildPlan.Restore(
              asset.asset().path(), asset.asset().kind().id(), asset.status().id(), sources));
    }
    return restore;
  }
}
