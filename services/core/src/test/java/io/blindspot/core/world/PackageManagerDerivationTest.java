package io.blindspot.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The world of a server of each package manager: database, world set, configs, services, mounts.
 */
class PackageManagerDerivationTest {

  private final WorldDeriver deriver = new WorldDeriver(ServiceKnowledge.builtIn());

  static Inventory inventory(
      String osId, String version, List<Mount> mounts, Map<String, String> checksums) {
    return new Inventory(
        "h1",
        new Inventory.OsRelease(osId, List.of(), osId, version),
        "6.6.0",
        "x86_64",
        mounts,
        null,
        null,
        List.of(),
        List.of("/home/alice"),
        checksums);
  }

  static Optional<Asset> asset(World world, String path) {
    return world.assets().stream().filter(a -> a.path().equals(path)).findFirst();
  }

  static Asset required(World world, String path) {
    return asset(world, path).orElseThrow(() -> new AssertionError("no asset " + path));
  }

  static InstalledPackage.Builder pkg(String name, String version) {
    return InstalledPackage.builder(name).version(version);
  }

  @Test
  void portage() {
    PackageSet set =
        new PackageSet(
            PackageManager.PORTAGE,
            List.of(
                pkg("gentoo-sources", "6.6.13").category("sys-kernel").slot("6.6.13").build(),
                pkg("gentoo-sources", "6.1.69").category("sys-kernel").slot("6.1.69").build(),
                pkg("postgresql", "16.1")
                    .category("dev-db")
                    .slot("16")
                    .reason(InstallReason.EXPLICIT)
                    .build(),
                pkg("openssh", "9.6_p1-r1")
                    .category("net-misc")
                    .slot("0")
                    .configFiles(
                        List.of(
                            new ConfigFile("/etc/ssh/sshd_config", "md5", "aa11"),
                            new ConfigFile("/etc/ssh/ssh_config", "md5", "bb22"),
                            new ConfigFile("/etc/ssh/moduli", "md5", "cc33")))
                    .build()),
            List.of("sys-kernel/gentoo-sources", "dev-db/postgresql"),
            List.of("@kde"));
    // sshd_config was edited; ssh_config is as shipped; moduli was deleted by the operator
    Inventory inventory =
        inventory(
            "gentoo",
            "2.17",
            List.of(),
            Map.of("/etc/ssh/sshd_config", "md5:ffff", "/etc/ssh/ssh_config", "md5:BB22"));

    World world = deriver.derive(inventory, set);

    Asset db = required(world, "/var/db/pkg/");
    assertThat(db.kind()).isEqualTo(AssetKind.PACKAGE_DB);
    assertThat(db.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(db.provenance()).contains("4 installed portage packages");
    assertThat(db.probes())
        .contains(
            "/var/db/pkg/sys-kernel/gentoo-sources-6.6.13/",
            "/var/db/pkg/sys-kernel/gentoo-sources-6.1.69/");
    assertThat(required(world, "/var/lib/portage/world").provenance()).contains("2 atoms");
    assertThat(required(world, "/var/lib/portage/world_sets").provenance()).contains("@kde");
    assertThat(required(world, "/etc/portage/").kind()).isEqualTo(AssetKind.WORLD_SET);
    // service data, with the paths Gentoo's packaging uses
    Asset pg = required(world, "/var/lib/postgresql/");
    assertThat(pg.kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(pg.provenance()).contains("package dev-db/postgresql is installed");
    assertThat(asset(world, "/var/lib/pgsql/")).isEmpty();
    assertThat(required(world, "/etc/ssh/").provenance()).contains("net-misc/openssh");
    // config files: modified is an asset, unmodified and deleted ones are not
    Asset sshd = required(world, "/etc/ssh/sshd_config");
    assertThat(sshd.kind()).isEqualTo(AssetKind.CONFIG);
    assertThat(sshd.severity()).isEqualTo(Severity.HIGH);
    assertThat(sshd.provenance()).contains("net-misc/openssh").contains("modified");
    assertThat(asset(world, "/etc/ssh/ssh_config")).isEmpty();
    assertThat(asset(world, "/etc/ssh/moduli")).isEmpty();
  }

  @Test
  void dpkg() {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                pkg("postgresql-15", "15.5-0+deb12u1").arch("amd64").build(),
                pkg("slapd", "2.5.13+dfsg-5").arch("amd64").build(),
                pkg("openssh-server", "9.2p1-2+deb12u2")
                    .epoch(1)
                    .configFiles(
                        List.of(
                            new ConfigFile("/etc/ssh/sshd_config", "md5", "aa11"),
                            new ConfigFile("/etc/ssh/moduli", "md5", "bb22")))
                    .build()),
            List.of(),
            List.of());
    // the agent hashed sshd_config with sha256: not comparable with dpkg's md5
    Inventory inventory =
        inventory(
            "debian",
            "12",
            List.of(),
            Map.of("/etc/ssh/sshd_config", "sha256:0123", "/etc/ssh/moduli", "bb22"));

    World world = deriver.derive(inventory, set);

    assertThat(required(world, "/var/lib/dpkg/").probes())
        .containsExactly("/var/lib/dpkg/status", "/var/lib/dpkg/info/");
    assertThat(required(world, "/var/lib/apt/extended_states").kind())
        .isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/etc/apt/").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(required(world, "/var/lib/postgresql/").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(required(world, "/etc/postgresql/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(asset(world, "/var/lib/pgsql/")).isEmpty();
    assertThat(required(world, "/var/lib/ldap/").note()).contains("slapcat");
    assertThat(required(world, "/etc/ldap/slapd.d/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(asset(world, "/etc/openldap/")).isEmpty();
    // unknown rather than silently assumed unchanged
    Asset sshd = required(world, "/etc/ssh/sshd_config");
    assertThat(sshd.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(sshd.provenance()).contains("not known").contains("md5").contains("sha256");
    // a bare checksum is the package's own algorithm: unmodified
    assertThat(asset(world, "/etc/ssh/moduli")).isEmpty();
  }

  @Test
  void rpm() {
    PackageSet set =
        new PackageSet(
            PackageManager.RPM,
            List.of(
                pkg("postgresql-server", "15.6").release("1.el9").arch("x86_64").build(),
                pkg("bind", "9.16.23").release("14.el9").epoch(32).arch("x86_64").build(),
                pkg("httpd", "2.4.57")
                    .release("5.el9")
                    .arch("x86_64")
                    .configFiles(
                        List.of(
                            new ConfigFile(
                                "/etc/httpd/conf/httpd.conf",
                                "sha256",
                                "3f2a0000000000000000000000000000")))
                    .build()),
            List.of(),
            List.of());
    Inventory rocky =
        inventory(
            "rocky",
            "9.3",
            List.of(),
            Map.of("/etc/httpd/conf/httpd.conf", "sha256:9e9e000000000000000000000000000"));

    World world = deriver.derive(rocky, set);

    assertThat(required(world, "/var/lib/rpm/").kind()).isEqualTo(AssetKind.PACKAGE_DB);
    assertThat(asset(world, "/usr/lib/sysimage/rpm/")).isEmpty();
    assertThat(required(world, "/etc/yum.repos.d/").kind()).isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/etc/dnf/").kind()).isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/var/lib/pgsql/").provenance()).contains("postgresql-server");
    assertThat(asset(world, "/var/lib/postgresql/")).isEmpty();
    assertThat(required(world, "/var/named/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(asset(world, "/var/lib/bind/")).isEmpty();
    assertThat(required(world, "/var/www/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(required(world, "/etc/httpd/conf/httpd.conf").provenance()).contains("modified");

    // Fedora 36 and later keep the database in /usr/lib/sysimage/rpm
    World fedora = deriver.derive(inventory("fedora", "40", List.of(), null), set);
    assertThat(required(fedora, "/usr/lib/sysimage/rpm/").kind()).isEqualTo(AssetKind.PACKAGE_DB);
    assertThat(asset(fedora, "/var/lib/rpm/")).isEmpty();
    // without checksums from the agent, every config file is of unknown state
    assertThat(required(fedora, "/etc/httpd/conf/httpd.conf").severity())
        .isEqualTo(Severity.MEDIUM);
  }

  @Test
  void apk() {
    PackageSet set =
        new PackageSet(
            PackageManager.APK,
            List.of(
                pkg("postgresql16", "16.2").release("r1").reason(InstallReason.EXPLICIT).build(),
                pkg("musl", "1.2.4_git20230717").release("r4").build(),
                pkg("bind", "9.18.24").release("r0").reason(InstallReason.EXPLICIT).build()),
            List.of("postgresql16", "bind"),
            List.of());

    World world = deriver.derive(inventory("alpine", "3.19.1", List.of(), null), set);

    assertThat(required(world, "/lib/apk/db/").probes()).containsExactly("/lib/apk/db/installed");
    assertThat(required(world, "/etc/apk/world").provenance()).contains("2 known");
    assertThat(required(world, "/etc/apk/").kind()).isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/var/lib/postgresql/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(required(world, "/var/bind/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
  }

  @Test
  void pacman() {
    PackageSet set =
        new PackageSet(
            PackageManager.PACMAN,
            List.of(
                pkg("postgresql", "16.2").release("1").reason(InstallReason.EXPLICIT).build(),
                pkg("mongodb", "7.0.5").release("1").reason(InstallReason.EXPLICIT).build(),
                pkg("openssh", "9.6p1")
                    .release("1")
                    .reason(InstallReason.EXPLICIT)
                    .configFiles(List.of(new ConfigFile("/etc/ssh/sshd_config", "md5", "aa11")))
                    .build()),
            List.of(),
            List.of());

    World world =
        deriver.derive(
            inventory("arch", null, List.of(), Map.of("/etc/ssh/sshd_config", "md5:aa11")), set);

    assertThat(required(world, "/var/lib/pacman/local/").provenance()).contains("3 installed");
    assertThat(required(world, "/etc/pacman.conf").kind()).isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/etc/pacman.d/").kind()).isEqualTo(AssetKind.WORLD_SET);
    assertThat(required(world, "/var/lib/postgres/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(required(world, "/var/lib/mongodb/").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(asset(world, "/etc/ssh/sshd_config")).isEmpty(); // unmodified
  }

  @Test
  void servicesAreFoundByTheirRunningUnitEvenBeforeAPackageListArrives() {
    Inventory inventory =
        new Inventory(
            "h1",
            new Inventory.OsRelease("ubuntu", List.of("debian"), "Ubuntu", "24.04"),
            null,
            null,
            List.of(),
            null,
            null,
            List.of("postgresql@16-main.service", "redis-server.service"),
            null,
            null);

    World world = deriver.derive(inventory, null);

    assertThat(required(world, "/var/lib/redis/").provenance()).contains("redis-server runs");
    // a templated unit counts by its template; Ubuntu is dpkg-based: Debian's PostgreSQL paths
    assertThat(required(world, "/var/lib/postgresql/").provenance())
        .contains("service postgresql runs");
    assertThat(asset(world, "/var/lib/pgsql/")).isEmpty();
    assertThat(WorldDeriver.managerOf(inventory)).isEqualTo("dpkg");
    assertThat(required(world, "/home/").kind()).isEqualTo(AssetKind.USER_DATA);
  }

  @Test
  void realMountsAreAssetsVirtualAndNetworkOnesAreNot() {
    List<Mount> mounts =
        List.of(
            new Mount("/dev/nvme0n1p2", "/", "ext4", "rw", 1L, 1L),
            new Mount("/dev/nvme0n1p1", "/boot/efi", "vfat", "rw", 1L, 1L),
            new Mount("/dev/mapper/vg-var", "/var", "xfs", "rw", 1L, 1L),
            new Mount("/dev/sdb1", "/data", "btrfs", "rw,subvol=/data", 1L, 1L),
            new Mount("proc", "/proc", "proc", "rw", 0L, 0L),
            new Mount("sysfs", "/sys", "sysfs", "rw", 0L, 0L),
            new Mount("cgroup2", "/sys/fs/cgroup", "cgroup2", "rw", 0L, 0L),
            new Mount("udev", "/dev", "devtmpfs", "rw", 0L, 0L),
            new Mount("tmpfs", "/tmp", "tmpfs", "rw", 0L, 0L),
            new Mount("tmpfs", "/run/user/1000", "tmpfs", "rw", 0L, 0L),
            new Mount("overlay", "/var/lib/docker/overlay2/x/merged", "overlay", "rw", 0L, 0L),
            new Mount("/dev/loop3", "/snap/core22/1122", "squashfs", "ro", 0L, 0L),
            new Mount("nas:/export/media", "/mnt/media", "nfs4", "rw", 0L, 0L),
            new Mount("//fs/share", "/mnt/share", "cifs", "rw", 0L, 0L),
            new Mount("me@host:/", "/mnt/remote", "fuse.sshfs", "rw", 0L, 0L));

    World world = deriver.derive(inventory("debian", "12", mounts, null), null);

    for (String real : List.of("/", "/boot/efi/", "/var/", "/data/")) {
      Asset mount = required(world, real);
      assertThat(mount.kind()).isEqualTo(AssetKind.MOUNT);
      assertThat(mount.severity()).isEqualTo(Severity.HIGH);
    }
    assertThat(required(world, "/var/").provenance())
        .contains("/dev/mapper/vg-var")
        .contains("xfs")
        .contains("one filesystem");
    assertThat(world.assets())
        .extracting(Asset::path)
        .noneMatch(
            p ->
                p.startsWith("/proc")
                    || p.startsWith("/sys")
                    || p.startsWith("/dev")
                    || p.startsWith("/tmp")
                    || p.startsWith("/var/tmp")
                    || p.startsWith("/run")
                    || p.startsWith("/snap")
                    || p.startsWith("/mnt")
                    || p.startsWith("/var/lib/docker/overlay2"));
    assertThat(new Mount("nas:/x", "/mnt/x", "nfs", "rw", 0L, 0L).isNetwork()).isTrue();
    assertThat(new Mount("tmpfs", "/tmp", "tmpfs", "rw", 0L, 0L).isReal()).isFalse();
    assertThat(new Mount("/dev/sda1", "/", "ext4", "rw", 0L, 0L).isReal()).isTrue();
    // the layout a restore needs first
    assertThat(required(world, "/etc/fstab").kind()).isEqualTo(AssetKind.SYSTEM_LAYOUT);
    assertThat(required(world, "/boot/").kind()).isEqualTo(AssetKind.SYSTEM_LAYOUT);
  }

  @Test
  void operatorEntriesMayNameMoreDataPathsPerPackageManager() throws Exception {
    String json =
        """
        [{"id": "billing", "name": "Billing", "severity": "critical",
          "packages": {"dpkg": ["billingd"], "rpm": ["billing-server"]},
          "paths": ["/srv/billing/"],
          "pathsByManager": {"rpm": ["/var/opt/billing/"]}},
         {"id": "old", "name": "Old style", "packages": {"dpkg": ["oldd"]},
          "paths": ["/var/lib/oldd/"], "note": "no pathsByManager"}]
        """;
    List<ServiceEntry> entries =
        ServiceKnowledge.read(
            new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    WorldDeriver extended = new WorldDeriver(ServiceKnowledge.builtIn().with(entries));
    PackageSet rpm =
        new PackageSet(
            PackageManager.RPM,
            List.of(pkg("billing-server", "1.0").release("1").build()),
            List.of(),
            List.of());
    PackageSet dpkg =
        new PackageSet(
            PackageManager.DPKG,
            List.of(pkg("billingd", "1.0").build(), pkg("oldd", "2").build()),
            List.of(),
            List.of());

    World onRpm = extended.derive(null, rpm);
    World onDpkg = extended.derive(null, dpkg);

    assertThat(required(onRpm, "/var/opt/billing/").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(required(onRpm, "/srv/billing/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(asset(onDpkg, "/var/opt/billing/")).isEmpty();
    assertThat(required(onDpkg, "/var/lib/oldd/").severity()).isEqualTo(Severity.HIGH);
    assertThat(entries.get(1).pathsByManager()).isEmpty();
  }

  @Test
  void assetsAreOnePerPathMostSevereFirst() {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(pkg("apache2", "2.4.58-1").build(), pkg("dovecot-core", "2.3.19").build()),
            List.of(),
            List.of());

    World world = deriver.derive(inventory("debian", "12", List.of(), null), set);

    assertThat(world.assets()).extracting(Asset::path).doesNotHaveDuplicates();
    // /var/www is user data and Apache's docroot: the service entry (with its note) wins
    assertThat(required(world, "/var/www/").kind()).isEqualTo(AssetKind.SERVICE_DATA);
    // /var/mail is user data and Dovecot's spool: critical wins over high
    assertThat(required(world, "/var/mail/").severity()).isEqualTo(Severity.CRITICAL);
    for (int i = 1; i < world.assets().size(); i++) {
      assertThat(world.assets().get(i).severity())
          .isGreaterThanOrEqualTo(world.assets().get(i - 1).severity());
    }
  }
}
