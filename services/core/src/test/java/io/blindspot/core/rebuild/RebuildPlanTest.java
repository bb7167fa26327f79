package io.blindspot.core.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.CoverageEvaluator;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.JobUnderTest;
import io.blindspot.core.coverage.SnapshotListing;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.Severity;
import io.blindspot.core.world.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebuild plan of each package manager: exact atoms, and a script /bin/sh accepts. */
class RebuildPlanTest {

  @TempDir Path tmp;

  static InstalledPackage.Builder pkg(String name, String version) {
    return InstalledPackage.builder(name).version(version);
  }

  static Inventory inventory(String fstab) {
    return new Inventory(
        "h1",
        new Inventory.OsRelease("linux", List.of(), "Linux", "1"),
        null,
        "x86_64",
        List.of(),
        "label: gpt\ndevice: /dev/sda\n/dev/sda1 : start=2048, size=1048576, type=uefi\n",
        fstab,
        List.of(),
        null,
        null);
  }

  static final String FSTAB = "/dev/sda2 / ext4 noatime 0 1\n/dev/sda3 /var ext4 noatime 0 2\n";

  RebuildPlan plan(PackageSet set) {
    return new RebuildPlanner().plan("h1", set, inventory(FSTAB), null);
  }

  /** Renders the plan and has /bin/sh check its syntax. */
  String script(RebuildPlan plan) throws Exception {
    String script = RebuildScript.render(plan);
    Path file = tmp.resolve("rebuild.sh");
    Files.writeString(file, script);
    Process sh =
        new ProcessBuilder("/bin/sh", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.exitValue()).as("sh -n: %s\n%s", output, script).isZero();
    return script;
  }

  @Test
  void portageHasEveryPackageAndEverySlotAtItsExactVersionToolchainFirst() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.PORTAGE,
            List.of(
                pkg("foo", "1.0").category("app-misc").slot("0").build(),
                pkg("gentoo-sources", "6.6.13").category("sys-kernel").slot("6.6.13").build(),
                pkg("gcc", "13.2.1_p20240113-r1").category("sys-devel").slot("13").build(),
                pkg("gcc", "12.3.1_p20240209").category("sys-devel").slot("12").build(),
                pkg("openssl", "3.0.13").category("dev-libs").slot("0").build(),
                pkg("glibc", "2.38-r10").category("sys-libs").slot("2.2").build(),
                pkg("gentoo-sources", "6.1.69").category("sys-kernel").slot("6.1.69").build(),
                pkg("portage", "3.0.61-r1").category("sys-apps").slot("0").build(),
                pkg("linux-headers", "6.6").category("sys-kernel").slot("0").build(),
                pkg("python", "3.12.2_p1").category("dev-lang").slot("3.12").build()),
            List.of("app-misc/foo", "sys-kernel/gentoo-sources"),
            List.of("@kde", "@my set"));

    RebuildPlan plan = plan(set);

    assertThat(plan.manager()).isEqualTo("portage");
    assertThat(plan.packages())
        .containsExactly(
            "=sys-kernel/linux-headers-6.6",
            "=sys-libs/glibc-2.38-r10",
            "=sys-devel/gcc-13.2.1_p20240113-r1",
            "=sys-devel/gcc-12.3.1_p20240209",
            "=dev-lang/python-3.12.2_p1",
            "=sys-apps/portage-3.0.61-r1",
            // then libraries, then everything else, each in the vdb's own order
            "=dev-libs/openssl-3.0.13",
            "=app-misc/foo-1.0",
            "=sys-kernel/gentoo-sources-6.6.13",
            "=sys-kernel/gentoo-sources-6.1.69");
    assertThat(plan.world()).containsExactly("app-misc/foo", "sys-kernel/gentoo-sources");
    String script = script(plan);
    assertThat(script)
        .contains(
            "emerge --oneshot --nodeps =sys-kernel/linux-headers-6.6 =sys-libs/glibc-2.38-r10")
        .contains("=sys-kernel/gentoo-sources-6.6.13")
        .contains("=sys-kernel/gentoo-sources-6.1.69")
        .contains("cat > world <<'BLINDSPOT_EOF'\napp-misc/foo\nsys-kernel/gentoo-sources\n")
        .contains("cp world /var/lib/portage/world")
        .contains("printf '%s\\n' @kde '@my set' > /var/lib/portage/world_sets")
        .contains("cat > fstab <<'BLINDSPOT_EOF'\n" + FSTAB)
        .contains("# sfdisk /dev/DISK < partition-table.sfdisk");
  }

  @Test
  void manyPackagesAreSplitIntoCommandsOfFifty() throws Exception {
    List<InstalledPackage> many =
        IntStream.range(0, 120)
            .mapToObj(i -> pkg("p" + i, "1." + i).category("dev-libs").slot("0").build())
            .toList();
    RebuildPlan plan = plan(new PackageSet(PackageManager.PORTAGE, many, List.of(), List.of()));
    // partition, world, packages
    assertThat(plan.steps().get(2).commands()).hasSize(3);
    String script = script(plan);
    assertThat(script).contains(": > /var/lib/portage/world"); // an empty world is still written
  }

  @Test
  void dpkgInstallsExactVersionsAndMarksWhatWasInstalledByHand() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                pkg("libc6", "2.36-9+deb12u4")
                    .arch("amd64")
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                pkg("libc6", "2.36-9+deb12u4")
                    .arch("i386")
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                pkg("mariadb-server", "10.11.6-0+deb12u1")
                    .epoch(1)
                    .arch("amd64")
                    .reason(InstallReason.EXPLICIT)
                    .build(),
                pkg("tzdata", "2024a-0+deb12u1")
                    .arch("all")
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                pkg("nginx", "1.22.1-9").arch("amd64").reason(InstallReason.EXPLICIT).build(),
                pkg("vim", "2:9.0.1378-2~bpo12+1")
                    .arch("amd64")
                    .reason(InstallReason.EXPLICIT)
                    .build()),
            List.of(),
            List.of());

    RebuildPlan plan = plan(set);

    assertThat(plan.packages())
        .containsExactly(
            "libc6=2.36-9+deb12u4",
            "libc6:i386=2.36-9+deb12u4",
            "mariadb-server=1:10.11.6-0+deb12u1",
            "tzdata=2024a-0+deb12u1",
            "nginx=1.22.1-9",
            "vim=2:9.0.1378-2~bpo12+1");
    assertThat(plan.world()).containsExactly("mariadb-server", "nginx", "vim");
    assertThat(plan.warnings()).anyMatch(w -> w.contains("snapshot.debian.org"));
    String script = script(plan);
    assertThat(script)
        .contains(
            "apt-get install -y --allow-downgrades libc6=2.36-9+deb12u4 libc6:i386=2.36-9+deb12u4"
                + " mariadb-server=1:10.11.6-0+deb12u1")
        .contains("'vim=2:9.0.1378-2~bpo12+1'") // "~" is quoted, never a home directory
        .contains("apt-mark manual mariadb-server nginx vim");
  }

  @Test
  void dpkgWithoutInstallReasonsWarnsInsteadOfMarking() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(pkg("bash", "5.2.15-2+b2").arch("amd64").build()),
            List.of(),
            List.of());
    RebuildPlan plan = plan(set);
    assertThat(plan.warnings()).anyMatch(w -> w.contains("extended_states"));
    assertThat(script(plan)).doesNotContain("apt-mark").contains("# WARNING: dpkg's status");
  }

  @Test
  void rpmUsesFullNevraAndLeavesSigningKeysOut() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.RPM,
            List.of(
                pkg("bash", "5.1.8").release("9.el9").arch("x86_64").build(),
                pkg("bind", "9.16.23").release("14.el9_3").epoch(32).arch("x86_64").build(),
                pkg("tzdata", "2024a").release("1.el9").arch("noarch").build(),
                pkg("gpg-pubkey", "fd431d51").release("4ae0493b").build()),
            List.of(),
            List.of());

    RebuildPlan plan = plan(set);

    assertThat(plan.packages())
        .containsExactly(
            "bash-0:5.1.8-9.el9.x86_64",
            "bind-32:9.16.23-14.el9_3.x86_64",
            "tzdata-0:2024a-1.el9.noarch");
    assertThat(plan.warnings()).anyMatch(w -> w.contains("gpg-pubkey fd431d51-4ae0493b"));
    assertThat(script(plan))
        .contains(
            "dnf install -y bash-0:5.1.8-9.el9.x86_64 bind-32:9.16.23-14.el9_3.x86_64"
                + " tzdata-0:2024a-1.el9.noarch");
  }

  @Test
  void apkPinsVersionAndRelease() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.APK,
            List.of(
                pkg("musl", "1.2.4_git20230717")
                    .release("r4")
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                pkg("nginx", "1.24.0").release("r15").reason(InstallReason.EXPLICIT).build()),
            List.of("nginx"),
            List.of());

    RebuildPlan plan = plan(set);

    assertThat(plan.packages()).containsExactly("musl=1.2.4_git20230717-r4", "nginx=1.24.0-r15");
    assertThat(script(plan))
        .contains("apk add musl=1.2.4_git20230717-r4 nginx=1.24.0-r15")
        .contains("cp world /etc/apk/world")
        .contains("cat > world <<'BLINDSPOT_EOF'\nnginx\n");
  }

  @Test
  void pacmanListsExactVersionsAndInstallsExplicitThenDependencies() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.PACMAN,
            List.of(
                pkg("glibc", "2.39").release("1").reason(InstallReason.DEPENDENCY).build(),
                pkg("python", "3.11.8")
                    .release("1")
                    .epoch(1)
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                pkg("nginx", "1.24.0").release("2").reason(InstallReason.EXPLICIT).build()),
            List.of(),
            List.of());

    RebuildPlan plan = plan(set);

    assertThat(plan.packages())
        .containsExactly("glibc=2.39-1", "python=1:3.11.8-1", "nginx=1.24.0-2");
    assertThat(plan.warnings()).anyMatch(w -> w.contains("Arch Linux Archive"));
    assertThat(script(plan))
        .contains("pacman -S --needed --noconfirm --asexplicit nginx\n")
        .contains("pacman -S --needed --noconfirm --asdeps glibc python\n");
  }

  @Test
  void aHeredocDelimiterInTheContentDoesNotEndTheHeredoc() throws Exception {
    String fstab = "/dev/sda2 / ext4 noatime 0 1\nBLINDSPOT_EOF\nrm -rf /tmp/should-not-run\n";
    RebuildPlan plan =
        new RebuildPlanner()
            .plan(
                "h1",
                new PackageSet(
                    PackageManager.APK,
                    List.of(pkg("busybox", "1.36.1").release("r15").build()),
                    List.of(),
                    List.of()),
                inventory(fstab),
                null);

    String script = script(plan);

    assertThat(script).contains("cat > fstab <<'BLINDSPOT_EOF_2'\n" + fstab + "BLINDSPOT_EOF_2\n");
    // run the part that writes the files: the fstab comes out byte for byte
    String prelude = script.substring(0, script.indexOf("\n# 1. "));
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(dir.resolve("prelude.sh"), prelude);
    Process sh =
        new ProcessBuilder("/bin/sh", "prelude.sh").directory(dir.toFile()).inheritIO().start();
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("fstab"))).isEqualTo(fstab);
    assertThat(Files.readString(dir.resolve("partition-table.sfdisk")))
        .isEqualTo(inventory(fstab).partitionTable());
  }

  @Test
  void hostileNamesStayOneShellWord() throws Exception {
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                pkg("evil$(touch pwned)", "1.0'; reboot; '")
                    .reason(InstallReason.EXPLICIT)
                    .build()),
            List.of(),
            List.of());
    RebuildPlan plan = new RebuildPlanner().plan("h1\nrm -rf /", set, inventory("a\nb\n"), null);
    String script = script(plan);
    assertThat(script)
        .contains("'evil$(touch pwned)=1.0'\\''; reboot; '\\'''")
        .contains("# Rebuild plan for h1 rm -rf /");
    assertThat(RebuildPlanner.shellWord("it's")).isEqualTo("'it'\\''s'");
    assertThat(RebuildPlanner.shellWord("=dev-libs/foo-1.0_p1-r2"))
        .isEqualTo("=dev-libs/foo-1.0_p1-r2");
  }

  @Test
  void theAssetsToRestoreNameTheJobAndSnapshotThatHoldEach() throws Exception {
    BackupJob tar =
        new BackupJob("etc", "tar", List.of("tar", "-cf", "/b/e.tar", "/etc"), null, null, null);
    Instant now = Instant.parse("2026-11-25T06:00:00Z");
    JobUnderTest job =
        new JobUnderTest(
            tar,
            BackupRuleEngines.compile(tar),
            null,
            now.minusSeconds(3600),
            "etc-2026-11-25.tar",
            new SnapshotListing() {
              @Override
              public boolean knows(String path) {
                return path.equals("/etc/ssh/");
              }

              @Override
              public boolean contains(String path) {
                return false;
              }
            });
    World world =
        new World(
            List.of(
                new Asset("/etc/", AssetKind.CONFIG, Severity.HIGH, "/etc"),
                new Asset("/etc/ssh/", AssetKind.SERVICE_DATA, Severity.HIGH, "host keys"),
                new Asset("/srv/", AssetKind.USER_DATA, Severity.HIGH, "/srv")));
    CoverageReport report =
        new CoverageEvaluator(Duration.ofHours(26))
            .evaluate(world, List.of(job), TreeFacts.NONE, now);

    RebuildPlan plan = new RebuildPlanner().plan("h1", null, inventory(FSTAB), report);

    assertThat(plan.restore())
        .containsExactly(
            new RebuildPlan.Restore(
                "/etc/",
                "config",
                "covered",
                List.of(new RebuildPlan.Source("etc", "tar", "etc-2026-11-25.tar"))),
            new RebuildPlan.Restore(
                "/etc/ssh/",
                "service-data",
                "missing-from-snapshot",
                List.of(new RebuildPlan.Source("etc", "tar", "etc-2026-11-25.tar"))),
            new RebuildPlan.Restore("/srv/", "user-data", "uncovered", List.of()));
    assertThat(plan.warnings())
        .anyMatch(w -> w.equals("user-data /srv/ is in no backup: it cannot be restored"))
        .anyMatch(w -> w.startsWith("service-data /etc/ssh/ is missing from the newest snapshot"));
    assertThat(script(plan))
        .contains("#   /etc/ (config): tar job etc snapshot etc-2026-11-25.tar\n")
        .contains("#   /srv/ (user-data): IN NO BACKUP\n");
  }

  @Test
  void withoutPackagesOrCoverageThePlanSaysWhatItCannotDo() throws Exception {
    RebuildPlan plan = new RebuildPlanner().plan("h1", null, null, null);
    assertThat(plan.warnings())
        .anyMatch(w -> w.contains("no package list"))
        .anyMatch(w -> w.contains("no partition table"))
        .anyMatch(w -> w.contains("coverage has not been evaluated"));
    script(plan);
  }
}
