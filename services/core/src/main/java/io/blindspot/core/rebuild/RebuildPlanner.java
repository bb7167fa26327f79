package io.blindspot.core.rebuild;

import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.CoverageStatus;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.world.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
          "sys-libs/musl",
          "sys-libs/zlib",
          "sys-devel/binutils",
          "sys-devel/gcc",
          "sys-devel/make",
          "dev-lang/perl",
          "dev-lang/python",
          "sys-apps/portage");

  /** Shell words that need no quoting. */
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

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
      List<InstalledPackage> ordered = order(packages, warnings);
      String nativeArch = nativeArch(packages);
      atoms = ordered.stream().map(p -> atom(packages, p, nativeArch)).toList();
      world = world(packages);
      steps.addAll(packageSteps(packages, ordered, atoms, world, warnings));
    } else {
      warnings.add("no package list was uploaded: the plan cannot reinstall packages");
    }
    List<RebuildPlan.Restore> restore = restore(coverage, warnings);
    return new RebuildPlan(
        hostname, manager, world, atoms, steps, partitionTable, fstab, restore, warnings);
  }

  private static List<InstalledPackage> order(PackageSet set, List<String> warnings) {
    List<InstalledPackage> list = new ArrayList<>(set.packages());
    if (set.manager() == PackageManager.RPM) {
      // rpm -qa lists imported signing keys as gpg-pubkey "packages": no repository has them
      List<String> keys =
          list.stream()
              .filter(p -> p.name().equals("gpg-pubkey"))
              .map(p -> p.version() + (p.release() == null ? "" : "-" + p.release()))
              .toList();
      if (!keys.isEmpty()) {
        list.removeIf(p -> p.name().equals("gpg-pubkey"));
        warnings.add(
            "the rpm database holds "
                + keys.size()
                + " imported signing keys (gpg-pubkey "
                + String.join(", ", keys)
                + "): they are not packages; import them again with rpm --import");
      }
    }
    if (set.manager() != PackageManager.PORTAGE) {
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

  /**
   * The architecture most packages have (dpkg's native one, in practice): packages of another
   * architecture (multiarch i386 libraries on amd64) are named with theirs.
   */
  static String nativeArch(PackageSet set) {
    Map<String, Integer> counts = new HashMap<>();
    for (InstalledPackage p : set.packages()) {
      if (p.arch() != null && !p.arch().equals("all") && !p.arch().equals("noarch")) {
        counts.merge(p.arch(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** The manager's exact install atom for one package. */
  static String atom(PackageSet set, InstalledPackage p) {
    return atom(set, p, nativeArch(set));
  }

  private static String atom(PackageSet set, InstalledPackage p, String nativeArch) {
    return switch (set.manager()) {
      case PORTAGE -> "=" + p.qualifiedName() + "-" + p.version();
      case DPKG ->
          p.name()
              + (p.arch() != null && !p.arch().equals("all") && !p.arch().equals(nativeArch)
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
        List<String> restoreWorld = new ArrayList<>();
        restoreWorld.add("mkdir -p /var/lib/portage");
        // the script writes the file "world" beside itself, unless there is nothing to write
        restoreWorld.add(
            world.isEmpty() ? ": > /var/lib/portage/world" : "cp world /var/lib/portage/world");
        if (!set.worldSets().isEmpty()) {
          restoreWorld.add(
              "printf '%s\\n' "
                  + String.join(
                      " ", set.worldSets().stream().map(RebuildPlanner::shellWord).toList())
                  + " > /var/lib/portage/world_sets");
        }
        steps.add(new RebuildPlan.Step("Restore the world file (and world_sets)", restoreWorld));
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
        warnings.add(
            "apt installs only the versions its sources still carry: for older ones, add the"
                + " matching snapshot.debian.org (or snapshot.ubuntu.com) archive to the sources");
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

  /** Commands of at most 50 atoms each, every atom a single shell word (quoted when it must be). */
  private static List<String> chunk(String command, List<String> atoms) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < atoms.size(); i += 50) {
      StringBuilder line = new StringBuilder(command);
      for (String atom : atoms.subList(i, Math.min(atoms.size(), i + 50))) {
        line.append(' ').append(shellWord(atom));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The word as it is when it needs no quoting, else single-quoted. */
  static String shellWord(String word) {
    if (SAFE_WORD.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
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
      } else if (asset.status() == CoverageStatus.MISSING_FROM_SNAPSHOT) {
        warnings.add(
            asset.asset().kind().id()
                + " "
                + asset.asset().path()
                + " is missing from the newest snapshot although the rules keep it: check the"
                + " job's log before relying on it");
      }
      restore.add(
          new RebuildPlan.Restore(
              asset.asset().path(), asset.asset().kind().id(), asset.status().id(), sources));
    }
    return restore;
  }
}
