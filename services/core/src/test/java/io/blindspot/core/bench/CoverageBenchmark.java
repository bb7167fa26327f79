package io.blindspot.core.bench;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.CoverageEvaluator;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.JobUnderTest;
import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.Mount;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.World;
import io.blindspot.core.world.WorldDeriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One server's recompute: derive the world of a generated Gentoo server (1,500 packages with their
 * vdb entries as probes, 300 config files, 10 real mounts) and evaluate it against 6 jobs (rsync,
 * dirvish, rsnapshot, restic, borg, tar), compiling them as a recompute does, remediation included.
 * The target is under 50 ms per op.
 *
 * <p>Run: {@code ./mvnw -q -pl services/core test-compile} then {@code java -Djmh.ignoreLock=true
 * -cp services/core/target/test-classes:services/core/target/classes:$(cat cp.txt)
 * org.openjdk.jmh.Main CoverageBenchmark -f 1 -wi 2 -i 3} (cp.txt from dependency:build-classpath
 * with -Dmdep.includeScope=test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CoverageBenchmark {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  /** Everything one recompute starts from. */
  public record Server(
      Inventory inventory, PackageSet packages, List<BackupJob> jobs, TreeFacts facts) {}

  private Server server;
  private WorldDeriver deriver;
  private CoverageEvaluator evaluator;

  @Setup
  public void setup() {
    server = generate(1500, 300);
    deriver = new WorldDeriver(ServiceKnowledge.builtIn());
    evaluator = new CoverageEvaluator(Duration.ofHours(26));
  }

  @Benchmark
  public CoverageReport deriveAndEvaluate() {
    return recompute(server, deriver, evaluator);
  }

  /** Derive, compile every job, evaluate: what the coverage service does for one server. */
  public static CoverageReport recompute(
      Server server, WorldDeriver deriver, CoverageEvaluator evaluator) {
    World world = deriver.derive(server.inventory(), server.packages());
    List<JobUnderTest> jobs = new ArrayList<>(server.jobs().size());
    for (BackupJob job : server.jobs()) {
      try {
        jobs.add(
            new JobUnderTest(
                job,
                BackupRuleEngines.compile(job),
                null,
                NOW.minus(Duration.ofHours(5)),
                "2026-11-25",
                null));
      } catch (JobConfigException e) {
        jobs.add(new JobUnderTest(job, null, e.getMessage(), null, null, null));
      }
    }
    return evaluator.evaluate(world, jobs, server.facts(), NOW);
  }

  private static final String[] CATEGORIES = {
    "app-admin",
    "app-arch",
    "app-crypt",
    "app-editors",
    "app-misc",
    "app-shells",
    "app-text",
    "dev-db",
    "dev-lang",
    "dev-libs",
    "dev-perl",
    "dev-python",
    "dev-util",
    "dev-vcs",
    "media-libs",
    "net-dns",
    "net-libs",
    "net-misc",
    "sys-apps",
    "sys-devel",
    "sys-fs",
    "sys-kernel",
    "sys-libs",
    "sys-process",
    "virtual",
    "www-servers",
    "x11-libs",
    "mail-mta",
    "net-mail",
    "app-containers"
  };

  /** Packages that bring service data with them (the knowledge base's Gentoo names). */
  private static final String[] SERVICES = {
    "dev-db/postgresql", "dev-db/mariadb", "net-misc/openssh", "www-servers/nginx",
    "mail-mta/postfix", "sys-process/cronie", "app-containers/docker", "net-dns/bind",
    "dev-db/redis", "net-mail/dovecot"
  };

  /** A Gentoo server of the given size, the same for every call. */
  public static Server generate(int packageCount, int configCount) {
    List<InstalledPackage> packages = new ArrayList<>(packageCount);
    Map<String, String> checksums = new HashMap<>();
    List<String> world = new ArrayList<>();
    int configs = 0;
    for (int i = 0; i < packageCount; i++) {
      String category;
      String name;
      if (i < SERVICES.length) {
        category = SERVICES[i].substring(0, SERVICES[i].indexOf('/'));
        name = SERVICES[i].substring(SERVICES[i].indexOf('/') + 1);
      } else {
        category = CATEGORIES[i % CATEGORIES.length];
        name = "pkg" + i;
      }
      boolean slotted = i % 100 == 7; // a few packages with two slots, like kernel sources
      List<ConfigFile> files = new ArrayList<>();
      if (configs < configCount && i % 5 == 0) {
        String path = "/etc/" + name + "/" + name + ".conf";
        files.add(new ConfigFile(path, "md5", String.format("%032x", i)));
        // two in three edited by the operator
        checksums.put(path, "md5:" + String.format("%032x", i % 3 == 0 ? i : i + 1));
        configs++;
      }
      packages.add(
          InstalledPackage.builder(name)
              .category(category)
              .version("1." + (i % 20) + "." + (i % 7) + (i % 3 == 0 ? "-r1" : ""))
              .slot(slotted ? "2" : "0")
              .reason(i % 10 == 0 ? InstallReason.EXPLICIT : InstallReason.DEPENDENCY)
              .configFiles(files)
              .build());
      if (slotted && packages.size() < packageCount) {
        packages.add(
            InstalledPackage.builder(name)
                .category(category)
                .version("2." + (i % 20))
                .slot("1")
                .reason(InstallReason.DEPENDENCY)
                .build());
        i++;
      }
      if (i % 10 == 0) {
        world.add(category + "/" + name);
      }
    }
    List<Mount> mounts =
        List.of(
            new Mount("/dev/sda2", "/", "ext4", "rw", 40L << 30, 10L << 30),
            new Mount("/dev/sda1", "/boot", "ext4", "rw", 1L << 30, 1L << 28),
            new Mount("/dev/sda4", "/var", "xfs", "rw", 80L << 30, 30L << 30),
            new Mount("/dev/sda5", "/home", "ext4", "rw", 200L << 30, 90L << 30),
            new Mount("/dev/sdb1", "/srv", "xfs", "rw", 1L << 40, 1L << 39),
            new Mount("/dev/sdb2", "/var/lib/postgresql", "xfs", "rw", 1L << 38, 1L << 37),
            new Mount("/dev/sdc1", "/data", "btrfs", "rw", 1L << 40, 1L << 38),
            new Mount("/dev/sdc1", "/data/archive", "btrfs", "rw,subvol=archive", 1L << 40, 1L),
            new Mount("/dev/sdd1", "/opt", "ext4", "rw", 1L << 35, 1L << 33),
            new Mount("/dev/sdd2", "/var/log", "ext4", "rw", 1L << 34, 1L << 32),
            new Mount("proc", "/proc", "proc", "rw", 0L, 0L),
            new Mount("sysfs", "/sys", "sysfs", "rw", 0L, 0L),
            new Mount("tmpfs", "/tmp", "tmpfs", "rw", 0L, 0L),
            new Mount("tmpfs", "/run", "tmpfs", "rw", 0L, 0L));
    List<String> homes = new ArrayList<>();
    for (int h = 0; h < 12; h++) {
      homes.add("/home/user" + h);
    }
    Inventory inventory =
        new Inventory(
            "gen1",
            new Inventory.OsRelease("gentoo", List.of(), "Gentoo", "2.17"),
            "6.6.13-gentoo",
            "x86_64",
            mounts,
            "label: gpt\n",
            "/dev/sda2 / ext4 noatime 0 1\n",
            List.of("sshd", "nginx", "postgresql-16"),
            homes,
            checksums);
    TreeFacts facts =
        new TreeFacts(
            mounts.stream().map(m -> new Filesystem(m.mountPoint(), m.device())).toList(),
            Map.of(),
            Map.of());
    return new Server(
        inventory,
        new PackageSet(PackageManager.PORTAGE, packages, world, List.of()),
        jobs(),
        facts);
  }

  static List<BackupJob> jobs() {
    String rsyncExcludes =
        String.join(
                "\n",
                "# generated",
                "/proc",
                "/sys",
                "/dev",
                "/run",
                "/tmp",
                "/var/tmp",
                "/var/cache",
                "- /home/*/.cache",
                "*.swp",
                "/var/lib/docker",
                "/srv/scratch",
                "/etc/app-misc-secret",
                "lost+found")
            + "\n";
    String master =
        "bank:\n\t/backup\nexclude:\n\tlost+found/\n\t/proc\n\t/sys\n\t/var/db\n\t/tmp\n"
            + "index: gzip\n";
    String vault = "client: localhost\ntree: /\nxdev: 1\n";
    String rsnapshot =
        "config_version\t1.2\nsnapshot_root\t/backup/snapshots/\ncmd_rsync\t/usr/bin/rsync\n"
            + "retain\tdaily\t7\none_fs\t1\nexclude\t/var/lib/mysql\nexclude\t/var/cache\n"
            + "backup\t/\tlocalhost/\nbackup\t/home/\tlocalhost/\n";
    return List.of(
        new BackupJob(
            "rsync-nightly",
            "rsync",
            List.of(
                "rsync",
                "-aHAXx",
                "--delete",
                "--exclude-from=/etc/backup/rsync.exclude",
                "/",
                "/home",
                "/mnt/backup/gen1/"),
            Map.of("/etc/backup/rsync.exclude", rsyncExcludes),
            "0 2 * * *",
            null),
        new BackupJob(
            "dirvish",
            "dirvish",
            List.of("dirvish", "--vault", "gen1"),
            Map.of("/etc/dirvish/master.conf", master, "/backup/gen1/dirvish/default.conf", vault),
            "0 3 * * *",
            null),
        new BackupJob(
            "rsnapshot",
            "rsnapshot",
            List.of("rsnapshot", "daily"),
            Map.of("/etc/rsnapshot.conf", rsnapshot),
            "30 3 * * *",
            null),
        new BackupJob(
            "restic-offsite",
            "restic",
            List.of(
                "restic",
                "-r",
                "sftp:backup@offsite:/restic/gen1",
                "backup",
                "--one-file-system",
                "--exclude-caches",
                "--exclude-file=/etc/restic/excludes",
                "/",
                "/var",
                "/home"),
            Map.of("/etc/restic/excludes", "/var/cache\n/var/tmp\n/home/*/.cache\n*.iso\n"),
            "0 4 * * *",
            null),
        new BackupJob(
            "borg",
            "borg",
            List.of(
                "borg",
                "create",
                "--one-file-system",
                "--exclude-caches",
                "--exclude-from",
                "/etc/borg/excludes",
                "/mnt/borg::{hostname}-{now}",
                "/",
                "/srv",
                "/data"),
            Map.of("/etc/borg/excludes", "/srv/scratch\n*/node_modules\n/data/tmp\n"),
            "0 5 * * *",
            null),
        new BackupJob(
            "etc-tarball",
            "tar",
            List.of(
                "tar",
                "--one-file-system",
                "-czf",
                "/mnt/tar/etc.tgz",
                "--exclude=/etc/ssl/private",
                "/etc",
                "/root"),
            Map.of(),
            "0 1 * * *",
            null));
  }
}
