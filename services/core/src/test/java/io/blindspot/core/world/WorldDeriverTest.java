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

class WorldDeriverTest {

  private final WorldDeriver deriver = new WorldDeriver(ServiceKnowledge.builtIn());

  private static Inventory inventory(List<Mount> mounts, List<String> services) {
    return new Inventory(
        "web1",
        new Inventory.OsRelease("gentoo", List.of(), "Gentoo", "2.17"),
        "6.6.13-gentoo",
        "x86_64",
        mounts,
        "label: gpt\n",
        "/dev/hdc3 / ext4 noatime 0 1\n",
        services,
        List.of("/home/alice"),
        null);
  }

  private static Optional<Asset> asset(World world, String path) {
    return world.assets().stream().filter(a -> a.path().equals(path)).findFirst();
  }

  @Test
  void gentooWorldHasThePackageDatabaseWithEverySlotAsProbesAndTheWorldFile() {
    PackageSet set =
        new PackageSet(
            PackageManager.PORTAGE,
            List.of(
                InstalledPackage.builder("gentoo-sources")
                    .category("sys-kernel")
                    .version("6.6.13")
                    .slot("6.6.13")
                    .build(),
                InstalledPackage.builder("gentoo-sources")
                    .category("sys-kernel")
                    .version("6.1.69")
                    .slot("6.1.69")
                    .build(),
                InstalledPackage.builder("mariadb")
                    .category("dev-db")
                    .version("10.11.6")
                    .slot("0")
                    .reason(InstallReason.EXPLICIT)
                    .build()),
            List.of("sys-kernel/gentoo-sources", "dev-db/mariadb"),
            List.of());

    World world = deriver.derive(inventory(List.of(), List.of()), set);

    Asset pkg = asset(world, "/var/db/pkg/").orElseThrow();
    assertThat(pkg.kind()).isEqualTo(AssetKind.PACKAGE_DB);
    assertThat(pkg.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(pkg.probes())
        .containsExactly(
            "/var/db/pkg/sys-kernel/gentoo-sources-6.6.13/",
            "/var/db/pkg/sys-kernel/gentoo-sources-6.1.69/",
            "/var/db/pkg/dev-db/mariadb-10.11.6/");
    assertThat(asset(world, "/var/lib/portage/world").orElseThrow().kind())
        .isEqualTo(AssetKind.WORLD_SET);
    assertThat(asset(world, "/var/lib/portage/world_sets")).isEmpty();
    Asset mysql = asset(world, "/var/lib/mysql/").orElseThrow();
    assertThat(mysql.kind()).isEqualTo(AssetKind.SERVICE_DATA);
    assertThat(mysql.provenance()).contains("dev-db/mariadb");
    assertThat(mysql.note()).contains("dump");
    assertThat(world.assets().get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void debianWorldFindsServicesByPackageOrRunningUnit() {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                InstalledPackage.builder("mariadb-server").version("1:10.11.6-0+deb12u1").build()),
            List.of(),
            List.of());

    World world = deriver.derive(inventory(List.of(), List.of("redis-server.service")), set);

    assertThat(asset(world, "/var/lib/dpkg/").orElseThrow().probes())
        .contains("/var/lib/dpkg/status");
    assertThat(asset(world, "/var/lib/apt/extended_states")).isPresent();
    assertThat(asset(world, "/var/lib/mysql/")).isPresent();
    assertThat(asset(world, "/var/lib/redis/").orElseThrow().provenance())
        .contains("redis-server runs");
    assertThat(asset(world, "/var/lib/postgresql/")).isEmpty();
  }

  @Test
  void eachPackageManagerHasItsOwnDatabaseAndWorldSet() {
    Map<PackageManager, List<String>> expected =
        Map.of(
            PackageManager.RPM, List.of("/var/lib/rpm/", "/etc/yum.repos.d/"),
            PackageManager.APK, List.of("/lib/apk/db/", "/etc/apk/world"),
            PackageManager.PACMAN, List.of("/var/lib/pacman/local/", "/etc/pacman.d/"));
    expected.forEach(
        (manager, paths) -> {
          PackageSet set =
              new PackageSet(
                  manager,
                  List.of(InstalledPackage.builder("bash").version("5.2").build()),
                  List.of(),
                  List.of());
          World world = deriver.derive(null, set);
          assertThat(asset(world, paths.get(0)).orElseThrow().kind())
              .isEqualTo(AssetKind.PACKAGE_DB);
          assertThat(asset(world, paths.get(1)).orElseThrow().kind())
              .isEqualTo(AssetKind.WORLD_SET);
        });
  }

  @Test
  void realMountsAreAssetsAndVirtualOnesAreNot() {
    List<Mount> mounts =
        List.of(
            new Mount("/dev/hdc3", "/", "ext4", "rw", 1L, 1L),
            new Mount("/dev/hdc4", "/var", "ext4", "rw", 1L, 1L),
            new Mount("proc", "/proc", "proc", "rw", 0L, 0L),
            new Mount("tmpfs", "/run", "tmpfs", "rw", 0L, 0L),
            new Mount("nas:/export", "/mnt/nas", "nfs4", "rw", 0L, 0L));

    World world = deriver.derive(inventory(mounts, List.of()), null);

    assertThat(asset(world, "/var/").orElseThrow().provenance()).contains("/dev/hdc4");
    assertThat(asset(world, "/")).isPresent();
    assertThat(world.assets()).noneMatch(a -> a.path().startsWith("/proc"));
    assertThat(world.assets()).noneMatch(a -> a.path().startsWith("/run"));
    assertThat(world.assets()).noneMatch(a -> a.path().startsWith("/mnt/nas"));
    assertThat(asset(world, "/home/alice/").orElseThrow().kind()).isEqualTo(AssetKind.USER_DATA);
  }

  @Test
  void unmodifiedConfigFilesAreReproducibleAndModifiedOnesAreAssets() {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                InstalledPackage.builder("openssh-server")
                    .version("1:9.2p1-2")
                    .configFiles(
                        List.of(
                            new ConfigFile("/etc/ssh/moduli", "md5", "aaaa"),
                            new ConfigFile("/etc/ssh/sshd_config", "md5", "bbbb")))
                    .build()),
            List.of(),
            List.of());
    Inventory inventory =
        new Inventory(
            "h",
            null,
            null,
            null,
            List.of(),
            null,
            null,
            List.of(),
            null,
            Map.of("/etc/ssh/moduli", "md5:aaaa", "/etc/ssh/sshd_config", "md5:cccc"));

    World world = deriver.derive(inventory, set);

    assertThat(asset(world, "/etc/ssh/moduli")).isEmpty();
    Asset sshd = asset(world, "/etc/ssh/sshd_config").orElseThrow();
    assertThat(sshd.severity()).isEqualTo(Severity.HIGH);
    assertThat(sshd.provenance()).contains("modified");
  }

  @Test
  void operatorEntriesExtendAndReplaceTheKnowledgeBase() {
    ServiceEntry custom =
        new ServiceEntry(
            "billing",
            "Billing",
            "critical",
            Map.of("dpkg", List.of("billingd")),
            List.of(),
            List.of("/opt/billing/data/"),
            null);
    WorldDeriver extended = new WorldDeriver(ServiceKnowledge.builtIn().with(List.of(custom)));
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(InstalledPackage.builder("billingd").version("2.0").build()),
            List.of(),
            List.of());

    Asset billing = asset(extended.derive(null, set), "/opt/billing/data/").orElseThrow();

    assertThat(billing.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(ServiceKnowledge.builtIn().entries())
        .extracting(ServiceEntry::id)
        .contains(
            "mysql",
            "postgresql",
            "mongodb",
            "redis",
            "openldap",
            "bind",
            "postfix",
            "dovecot",
            "apache",
            "nginx",
            "cron",
            "letsencrypt",
            "ssh",
            "docker",
            "jenkins",
            "gitea",
            "gitlab",
            "samba",
            "nextcloud");
  }
}
