package io.blindspot.core.world;

import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives what a restore of a server needs from its inventory and package list: the package
 * database and world set (without which a rebuild is blind), configuration, service data, user
 * data, mounts and the system layout. What can be reinstalled or regenerated (unmodified package
 * files, caches, /tmp, /proc, /sys, /dev, /run) is never an asset.
 */
public final class WorldDeriver {

  private final ServiceKnowledge knowledge;

  public WorldDeriver(ServiceKnowledge knowledge) {
    this.knowledge = knowledge;
  }

  /**
   * @param inventory the current inventory; may be null before the first upload
   * @param packages the current package set; may be null before the first upload
   */
  public World derive(Inventory inventory, PackageSet packages) {
    List<Asset> assets = new ArrayList<>();
    if (packages != null) {
      packageDatabase(packages, inventory, assets);
      worldSet(packages, assets);
      configFiles(packages, inventory, assets);
    }
    serviceData(packages, inventory, assets);
    assets.add(
        new Asset(
            "/etc/",
            AssetKind.CONFIG,
            Severity.HIGH,
            "/etc holds the host's configuration: what no package can bring back"));
    userData(inventory, assets);
    if (inventory != null) {
      mounts(inventory, assets);
    }
    assets.add(
        new Asset(
            "/etc/fstab",
            AssetKind.SYSTEM_LAYOUT,
            Severity.HIGH,
            "/etc/fstab says which filesystem goes where: a restore needs it before any file goes"
                + " back"));
    assets.add(
        new Asset(
            "/boot/",
            AssetKind.SYSTEM_LAYOUT,
            Severity.HIGH,
            "/boot holds the kernel and the bootloader configuration the system starts from"));
    return new World(deduplicate(assets));
  }

  private static void packageDatabase(PackageSet set, Inventory inventory, List<Asset> assets) {
    String source = set.packages().size() + " installed " + set.manager().id() + " packages";
    switch (set.manager()) {
      case PORTAGE -> {
        List<String> probes = new ArrayList<>(set.packages().size());
        for (InstalledPackage p : set.packages()) {
          probes.add("/var/db/pkg/" + p.category() + "/" + p.name() + "-" + p.version() + "/");
        }
        assets.add(
            new Asset(
                "/var/db/pkg/",
                AssetKind.PACKAGE_DB,
                Severity.CRITICAL,
                "Portage's installed-package database: "
                    + source
                    + ", every slot and USE flag; without it a rebuild is `emerge -e world`, blind",
                null,
                probes));
      }
      case DPKG ->
          assets.add(
              new Asset(
                  "/var/lib/dpkg/",
                  AssetKind.PACKAGE_DB,
                  Severity.CRITICAL,
                  "dpkg's database: " + source + " with their versions and conffiles",
                  null,
                  List.of("/var/lib/dpkg/status", "/var/lib/dpkg/info/")));
      case RPM -> {
        // Fedora 36, RHEL 10 and openSUSE Tumbleweed moved the database; /var/lib/rpm is then a
        // symlink, and backup tools store a symlink, not what it points to
        boolean moved = rpmDatabaseMoved(inventory == null ? null : inventory.os());
        assets.add(
            new Asset(
                moved ? "/usr/lib/sysimage/rpm/" : "/var/lib/rpm/",
                AssetKind.PACKAGE_DB,
                Severity.CRITICAL,
                "the rpm database: "
                    + source
                    + (moved
                        ? " (in /usr/lib/sysimage/rpm on this release; /var/lib/rpm only points"
                            + " there)"
                        : "")));
      }
      case APK ->
          assets.add(
              new Asset(
                  "/lib/apk/db/",
                  AssetKind.PACKAGE_DB,
                  Severity.CRITICAL,
                  "apk's installed database: " + source,
                  null,
                  List.of("/lib/apk/db/installed")));
      case PACMAN ->
          assets.add(
              new Asset(
                  "/var/lib/pacman/local/",
                  AssetKind.PACKAGE_DB,
                  Severity.CRITICAL,
                  "pacman's local database: " + source + " and why each was installed"));
    }
  }

  /** Whether this release keeps the rpm database in /usr/lib/sysimage/rpm. */
  static boolean rpmDatabaseMoved(Inventory.OsRelease os) {
    if (os == null || os.id() == null) {
      return false;
    }
    String id = os.id().toLowerCase(Locale.ROOT);
    int major = majorVersion(os.versionId());
    return switch (id) {
      case "fedora" -> major >= 36;
      case "rhel", "centos", "rocky", "almalinux", "ol" -> major >= 10;
      case "opensuse-tumbleweed", "opensuse-slowroll", "opensuse-microos" -> true;
      case "sles", "sled", "opensuse-leap" -> major >= 16;
      default -> false;
    };
  }

  private static int majorVersion(String versionId) {
    if (versionId == null) {
      return -1;
    }
    int end = 0;
    while (end < versionId.length() && Character.isDigit(versionId.charAt(end))) {
      end++;
    }
    return end == 0 || end > 9 ? -1 : Integer.parseInt(versionId.substring(0, end));
  }

  private static void worldSet(PackageSet set, List<Asset> assets) {
    long explicit =
        set.packages().stream().filter(p -> p.reason() == InstallReason.EXPLICIT).count();
    switch (set.manager()) {
      case PORTAGE -> {
        assets.add(
            worldSet(
                "/var/lib/portage/world",
                "Portage's world file: the "
                    + set.world().size()
                    + " atoms the operator asked for; everything else follows from them"));
        if (!set.worldSets().isEmpty()) {
          assets.add(
              worldSet(
                  "/var/lib/portage/world_sets",
                  "Portage's world_sets: " + String.join(", ", set.worldSets())));
        }
        assets.add(
            worldSet(
                "/etc/portage/",
                "/etc/portage: make.conf, package.use, package.accept_keywords, repos.conf and"
                    + " patches decide what the world builds into"));
      }
      case DPKG -> {
        assets.add(
            worldSet(
                "/var/lib/apt/extended_states",
                "apt's extended_states: which of the packages were installed automatically, so"
                    + " `apt-mark manual` can be restored"));
        assets.add(worldSet("/etc/apt/", "/etc/apt: the sources and pins packages come from"));
      }
      case RPM -> {
        assets.add(worldSet("/etc/yum.repos.d/", "/etc/yum.repos.d: the repositories"));
        assets.add(worldSet("/etc/dnf/", "/etc/dnf: dnf's configuration and protected packages"));
      }
      case APK -> {
        assets.add(
            worldSet(
                "/etc/apk/world",
                "apk's world: the packages the operator asked for (" + explicit + " known)"));
        assets.add(worldSet("/etc/apk/", "/etc/apk: repositories and keys"));
      }
      case PACMAN -> {
        assets.add(worldSet("/etc/pacman.conf", "pacman.conf: repositories and options"));
        assets.add(worldSet("/etc/pacman.d/", "/etc/pacman.d: mirror list and hooks"));
      }
    }
  }

  private static Asset worldSet(String path, String provenance) {
    return new Asset(path, AssetKind.WORLD_SET, Severity.CRITICAL, provenance);
  }

  /**
   * A package's config file is an asset of its own unless the agent's checksum shows it is still as
   * shipped (then reinstalling the package brings it back).
   */
  private static void configFiles(PackageSet set, Inventory inventory, List<Asset> assets) {
    Map<String, String> current = inventory == null ? null : inventory.configChecksums();
    for (InstalledPackage p : set.packages()) {
      for (ConfigFile file : p.configFiles()) {
        String owner = p.qualifiedName();
        if (current == null || file.checksum() == null) {
          assets.add(
              new Asset(
                  file.path(),
                  AssetKind.CONFIG,
                  Severity.MEDIUM,
                  "config file of " + owner + "; whether it was modified is not known"));
          continue;
        }
        String now = current.get(file.path());
        if (now == null) {
          continue; // removed by the operator: nothing to restore
        }
        Boolean same = sameChecksum(file, now);
        if (same == null) {
          assets.add(
              new Asset(
                  file.path(),
                  AssetKind.CONFIG,
                  Severity.MEDIUM,
                  "config file of "
                      + owner
                      + "; whether it was modified is not known (the package's "
                      + file.algorithm()
                      + " checksum cannot be compared with the agent's "
                      + now.substring(0, Math.max(0, now.indexOf(':')))
                      + ")"));
        } else if (!same) {
          assets.add(
              new Asset(
                  file.path(),
                  AssetKind.CONFIG,
                  Severity.HIGH,
                  "config file of " + owner + ", modified since the package installed it"));
        }
      }
    }
  }

  /**
   * Agent checksums are "algorithm:hex"; a bare value is taken to be the package's algorithm.
   *
   * @return whether the file is as shipped; null when the two checksums cannot be compared
   */
  private static Boolean sameChecksum(ConfigFile shipped, String reported) {
    int colon = reported.indexOf(':');
    String value = colon < 0 ? reported : reported.substring(colon + 1);
    if (colon > 0 && shipped.algorithm() != null) {
      String algorithm = reported.substring(0, colon);
      if (!algorithm.equalsIgnoreCase(shipped.algorithm())) {
        return null;
      }
    }
    return value.equalsIgnoreCase(shipped.checksum());
  }

  private void serviceData(PackageSet set, Inventory inventory, List<Asset> assets) {
    Set<String> installed = new HashSet<>();
    String manager = set != null ? set.manager().id() : managerOf(inventory);
    if (set != null) {
      for (InstalledPackage p : set.packages()) {
        installed.add(set.manager() == PackageManager.PORTAGE ? p.qualifiedName() : p.name());
      }
    }
    Set<String> running = new HashSet<>();
    if (inventory != null) {
      for (String service : inventory.services()) {
        String unit = stripUnitSuffix(service);
        running.add(unit);
        int at = unit.indexOf('@');
        if (at > 0) {
          running.add(unit.substring(0, at)); // postgresql@16-main is postgresql
        }
      }
    }
    for (ServiceEntry entry : knowledge.entries()) {
      String because = null;
      if (manager != null) {
        for (String name : entry.packages().getOrDefault(manager, List.of())) {
          if (installed.contains(name)) {
            because = "package " + name + " is installed";
            break;
          }
        }
      }
      if (because == null) {
        for (String service : entry.services()) {
          if (running.contains(service)) {
            because = "service " + service + " runs";
            break;
          }
        }
      }
      if (because == null) {
        continue;
      }
      for (String path : entry.pathsFor(manager)) {
        assets.add(
            new Asset(
                path,
                AssetKind.SERVICE_DATA,
                Severity.fromId(entry.severity()),
                entry.name() + " data: " + because,
                entry.note(),
                List.of()));
      }
    }
  }

  /**
   * The package manager a distribution uses, from os-release (ID, then ID_LIKE), for when no
   * package list was uploaded yet; null when not known.
   */
  static String managerOf(Inventory inventory) {
    if (inventory == null || inventory.os() == null) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    if (inventory.os().id() != null) {
      ids.add(inventory.os().id());
    }
    ids.addAll(inventory.os().idLike());
    for (String id : ids) {
      String manager =
          switch (id.toLowerCase(Locale.ROOT)) {
            case "gentoo" -> "portage";
            case "debian", "ubuntu" -> "dpkg";
            case "fedora", "rhel", "centos", "suse", "opensuse" -> "rpm";
            case "alpine" -> "apk";
            case "arch" -> "pacman";
            default -> null;
          };
      if (manager != null) {
        return manager;
      }
    }
    return null;
  }

  private static String stripUnitSuffix(String service) {
    String s = service.toLowerCase(Locale.ROOT);
    return s.endsWith(".service") ? s.substring(0, s.length() - ".service".length()) : s;
  }

  private static void userData(Inventory inventory, List<Asset> assets) {
    assets.add(new Asset("/root/", AssetKind.USER_DATA, Severity.HIGH, "root's home directory"));
    List<String> homes = inventory == null ? null : inventory.homes();
    if (homes == null) {
      assets.add(
          new Asset("/home/", AssetKind.USER_DATA, Severity.HIGH, "users' home directories"));
    } else {
      for (String home : homes) {
        String dir = home.endsWith("/") ? home : home + "/";
        assets.add(
            new Asset(
                dir, AssetKind.USER_DATA, Severity.HIGH, "home directory " + home + " (passwd)"));
      }
    }
    assets.add(
        new Asset("/srv/", AssetKind.USER_DATA, Severity.HIGH, "/srv: data this host serves"));
    assets.add(new Asset("/var/www/", AssetKind.USER_DATA, Severity.HIGH, "/var/www: web content"));
    assets.add(new Asset("/var/mail/", AssetKind.USER_DATA, Severity.HIGH, "/var/mail: mailboxes"));
  }

  private static void mounts(Inventory inventory, List<Asset> assets) {
    for (Mount mount : inventory.mounts()) {
      if (!mount.isReal() || mount.isNetwork()) {
        continue;
      }
      String dir = mount.mountPoint().endsWith("/") ? mount.mountPoint() : mount.mountPoint() + "/";
      assets.add(
          new Asset(
              dir,
              AssetKind.MOUNT,
              Severity.HIGH,
              mount.device()
                  + " ("
                  + mount.fsType()
                  + ") is mounted at "
                  + mount.mountPoint()
                  + ": a job that keeps to one filesystem does not cross into it"));
    }
  }

  /** One asset per path: the most severe wins, then the earlier kind (package-db before mount). */
  private static List<Asset> deduplicate(List<Asset> assets) {
    Comparator<Asset> order =
        Comparator.comparing(Asset::severity).thenComparing(Asset::kind).thenComparing(Asset::path);
    Map<String, Asset> byPath = new LinkedHashMap<>();
    assets.stream().sorted(order).forEach(a -> byPath.putIfAbsent(a.path(), a));
    return byPath.values().stream().sorted(order).toList();
  }
}
