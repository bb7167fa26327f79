package io.blindspot.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.LastRun;
import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills a migrated Blindspot database with a generated fleet, in bulk: servers of mixed
 * distributions, their inventories and package lists, and backup jobs — most of them sound, some
 * with the classic gaps (the package database excluded, /var on its own filesystem under a
 * one-file-system job, a database's data excluded, a job that stopped succeeding). Every server is
 * queued for the coverage service, so the recompute of the whole fleet can be timed.
 *
 * <p>Usage: {@code FleetGenerator [--servers N] [--seed S] [--prefix gen]}; the database comes from
 * BLINDSPOT_DB_URL / BLINDSPOT_DB_USER / BLINDSPOT_DB_PASSWORD. Once the coverage service has
 * evaluated the fleet, {@code FleetGenerator --compliance [--history-days 90]} adds its policy
 * results, findings and daily history ({@link ComplianceGenerator}).
 */
public final class FleetGenerator {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final String[] COMMON = {
    "bash",
    "coreutils",
    "openssl",
    "curl",
    "openssh",
    "sudo",
    "tzdata",
    "util-linux",
    "e2fsprogs",
    "grep",
    "sed",
    "gawk",
    "findutils",
    "tar",
    "gzip",
    "xz",
    "zstd",
    "less",
    "vim",
    "rsync",
    "ca-certificates",
    "iproute2",
    "procps",
    "systemd",
    "cron",
    "logrotate",
    "python3",
    "perl",
    "git",
    "zlib",
    "ncurses",
    "readline",
    "libffi",
    "expat",
    "sqlite",
    "pcre2",
    "libxml2",
    "krb5"
  };
  private static final String[] ROLES = {"web", "db", "mail", "build", "ldap", "file"};
  private static final String[] ENVS = {"prod", "prod", "prod", "staging", "dev"};
  private static final PackageManager[] MANAGERS = {
    PackageManager.DPKG, PackageManager.DPKG, PackageManager.DPKG, PackageManager.RPM,
    PackageManager.RPM, PackageManager.PORTAGE, PackageManager.APK, PackageManager.PACMAN
  };

  /**
   * The libraries a fleet draws its servers' packages from: one pool, as a distribution's archive
   * is, so that a library is on many servers and a fleet has thousands of distinct names, not one
   * per installed package (which would give PostgreSQL's statistics a shape no fleet has).
   */
  private static final int LIBRARY_POOL = 6000;

  private final SplittableRandom random;
  private final Instant now = Instant.now();
  private final String[] libraries;

  private FleetGenerator(long seed) {
    this.random = new SplittableRandom(seed);
    this.libraries = new String[LIBRARY_POOL];
    for (int i = 0; i < LIBRARY_POOL; i++) {
      libraries[i] = "lib" + word() + i;
    }
  }

  public static void main(String[] args) throws Exception {
    int servers = 1000;
    long seed = 42;
    String prefix = "gen";
    Integer historyDays = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--servers" -> servers = Integer.parseInt(args[++i]);
        case "--compliance" -> historyDays = 90;
        case "--history-days" -> historyDays = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--prefix" -> prefix = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String url = env("BLINDSPOT_DB_URL", "jdbc:postgresql://localhost:5432/blindspot");
    try (Connection c =
        DriverManager.getConnection(
            url, env("BLINDSPOT_DB_USER", "postgres"), env("BLINDSPOT_DB_PASSWORD", ""))) {
      c.setAutoCommit(false);
      long start = System.nanoTime();
      if (historyDays != null) {
        new ComplianceGenerator(c, prefix).generate(historyDays, seed);
        System.out.printf(
            "generated compliance (results, findings, %d days of history) in %.1f s%n",
            historyDays, (System.nanoTime() - start) / 1e9);
        return;
      }
      new FleetGenerator(seed).generate(c, servers, prefix);
      System.out.printf(
          "generated %d servers in %.1f s into %s; all queued for coverage%n",
          servers, (System.nanoTime() - start) / 1e9, url);
    }
  }

  private void generate(Connection c, int count, String prefix) throws Exception {
    try (Batch batch = new Batch(c)) {
      for (int i = 0; i < count; i++) {
        server(batch, prefix + "-" + String.format("%05d", i));
        if (i % 200 == 199) {
          batch.flush();
          c.commit();
          System.out.printf("  %d/%d%n", i + 1, count);
        }
      }
      batch.flush();
      c.commit();
    }
  }

  private void server(Batch batch, String hostname) throws Exception {
    UUID id = UUID.randomUUID();
    PackageManager manager = MANAGERS[random.nextInt(MANAGERS.length)];
    String role = ROLES[random.nextInt(ROLES.length)];
    boolean separateVar = random.nextInt(3) == 0;
    PackageSet packages = packages(manager, role);
    Map<String, Object> inventory = inventory(hostname, id, manager, role, separateVar);
    List<BackupJob> jobs = jobs(hostname, manager, role, separateVar);
    batch.server(id, hostname, manager, role, ENVS[random.nextInt(ENVS.length)]);
    batch.inventory(id, JSON.writeValueAsString(inventory));
    batch.packages(id, manager, packages);
    for (BackupJob job : jobs) {
      Instant success = lastSuccess();
      LastRun run =
          success == null
              ? new LastRun(now.minusSeconds(3600), now.minusSeconds(3000), "failure", null)
              : new LastRun(success.minusSeconds(900), success, "success", success.toString());
      BackupJob withRun =
          new BackupJob(job.name(), job.tool(), job.command(), job.files(), job.schedule(), run);
      batch.job(id, withRun, JSON.writeValueAsString(withRun), success);
    }
  }

  private Instant lastSuccess() {
    int dice = random.nextInt(20);
    if (dice == 0) {
      return null; // never succeeded
    }
    if (dice <= 2) {
      return now.minus(Duration.ofHours(30 + random.nextInt(120))); // stale
    }
    return now.minus(Duration.ofMinutes(30 + random.nextInt(20 * 60)));
  }

  private PackageSet packages(PackageManager manager, String role) {
    List<InstalledPackage> list = new ArrayList<>();
    List<String> world = new ArrayList<>();
    for (String name : COMMON) {
      list.add(pkg(manager, name, random.nextInt(4) == 0));
    }
    if (role.equals("db")) {
      list.add(
          pkg(manager, manager == PackageManager.PORTAGE ? "mariadb" : "mariadb-server", true));
    }
    if (role.equals("web")) {
      list.add(pkg(manager, "nginx", true));
    }
    if (role.equals("mail")) {
      list.add(pkg(manager, "postfix", true));
      list.add(pkg(manager, "dovecot-core", true));
    }
    // 300-800 distinct libraries, the pool's first ones far more often (the square of a uniform
    // draw): a few on nearly every server, most on a few percent of them.
    java.util.BitSet chosen = new java.util.BitSet(LIBRARY_POOL);
    for (int wanted = 300 + random.nextInt(500); chosen.cardinality() < wanted; ) {
      double u = random.nextDouble();
      chosen.set((int) (u * u * LIBRARY_POOL));
    }
    chosen.stream().forEach(i -> list.add(pkg(manager, libraries[i], false)));
    if (manager == PackageManager.PORTAGE) {
      // slotted kernels sources, as on the founding server
      list.add(portage("sys-kernel", "gentoo-sources", "6.6.13", "6.6.13", true));
      list.add(portage("sys-kernel", "gentoo-sources", "6.1.69", "6.1.69", true));
      list.stream()
          .filter(p -> p.reason() == InstallReason.EXPLICIT)
          .forEach(p -> world.add(p.qualifiedName()));
    }
    return new PackageSet(manager, list, world, List.of());
  }

  private InstalledPackage pkg(PackageManager manager, String name, boolean explicit) {
    String version = (1 + random.nextInt(9)) + "." + random.nextInt(30) + "." + random.nextInt(20);
    if (manager == PackageManager.PORTAGE) {
      return portage(category(name), name, version, "0", explicit);
    }
    InstalledPackage.Builder b =
        InstalledPackage.builder(name)
            .reason(
                manager == PackageManager.DPKG
                    ? InstallReason.UNKNOWN
                    : explicit ? InstallReason.EXPLICIT : InstallReason.DEPENDENCY);
    switch (manager) {
      case DPKG -> b.version(version + "-" + (1 + random.nextInt(3))).arch("amd64");
      case RPM -> b.version(version).release((1 + random.nextInt(40)) + ".el9").arch("x86_64");
      case APK -> b.version(version).release("r" + random.nextInt(5)).arch("x86_64");
      default -> b.version(version).release(String.valueOf(1 + random.nextInt(3))).arch("x86_64");
    }
    if (random.nextInt(8) == 0) {
      b.configFiles(List.of(new ConfigFile("/etc/" + name + "/" + name + ".conf", "md5", hex())));
    }
    return b.build();
  }

  private static InstalledPackage portage(
      String category, String name, String version, String slot, boolean explicit) {
    return InstalledPackage.builder(name)
        .category(category)
        .version(version)
        .slot(slot)
        .repository("gentoo")
        .reason(explicit ? InstallReason.EXPLICIT : InstallReason.DEPENDENCY)
        .build();
  }

  private static String category(String name) {
    return name.startsWith("lib") ? "dev-libs" : name.equals("mariadb") ? "dev-db" : "sys-apps";
  }

  private Map<String, Object> inventory(
      String hostname, UUID id, PackageManager manager, String role, boolean separateVar) {
    String os =
        switch (manager) {
          case DPKG -> "debian";
          case RPM -> "rocky";
          case PORTAGE -> "gentoo";
          case APK -> "alpine";
          case PACMAN -> "arch";
        };
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(mount("/dev/sda2", "/", "ext4"));
    mounts.add(mount("/dev/sda1", "/boot", "ext4"));
    if (separateVar) {
      mounts.add(mount("/dev/sda3", "/var", "ext4"));
    }
    if (random.nextBoolean()) {
      mounts.add(mount("/dev/sdb1", "/srv", "xfs"));
    }
    mounts.add(mount("proc", "/proc", "proc"));
    mounts.add(mount("tmpfs", "/run", "tmpfs"));
    Map<String, Object> inventory = new LinkedHashMap<>();
    inventory.put("hostname", hostname);
    inventory.put("machineId", id.toString().replace("-", ""));
    inventory.put("os", Map.of("id", os, "name", os, "versionId", "1"));
    inventory.put("kernel", "6.1.0-" + random.nextInt(30));
    inventory.put("architecture", "x86_64");
    inventory.put("mounts", mounts);
    inventory.put("partitionTable", "label: gpt\n/dev/sda1 : start=2048, size=1048576\n");
    inventory.put("fstab", "/dev/sda2 / ext4 defaults 0 1\n");
    inventory.put("services", role.equals("db") ? List.of("sshd", "mariadb") : List.of("sshd"));
    inventory.put("homes", List.of("/home/ops"));
    return inventory;
  }

  private Map<String, Object> mount(String device, String mountPoint, String fsType) {
    return Map.of(
        "device",
        device,
        "mountPoint",
        mountPoint,
        "fsType",
        fsType,
        "options",
        "rw",
        "sizeBytes",
        20_000_000_000L,
        "usedBytes",
        8_000_000_000L);
  }

  /** One to three jobs; about one server in four has a classic gap. */
  private List<BackupJob> jobs(
      String hostname, PackageManager manager, String role, boolean separateVar) {
    List<BackupJob> jobs = new ArrayList<>();
    boolean gap = random.nextInt(4) == 0;
    String excludes = "/proc\n/sys\n/dev\n/run\n/tmp\n/var/tmp\n/var/cache\n";
    if (gap) {
      excludes +=
          switch (manager) {
            case PORTAGE -> "/var/db\n";
            case DPKG -> role.equals("db") ? "/var/lib/mysql\n" : "/var/lib/dpkg\n";
            default -> "/var/lib\n";
          };
    }
    switch (manager) {
      case PORTAGE -> {
        String master = "bank:\n\t/backup\nexclude:\n" + excludes.replaceAll("(?m)^", "\t");
        jobs.add(
            new BackupJob(
                "dirvish-" + hostname,
                "dirvish",
                List.of("dirvish", "--vault", hostname),
                Map.of(
                    "/etc/dirvish/master.conf",
                    master,
                    "/backup/" + hostname + "/dirvish/default.conf",
                    "client: " + hostname + "\ntree: /\nxdev: 1\n"),
                "0 3 * * *",
                null));
      }
      case DPKG -> {
        StringBuilder conf =
            new StringBuilder(
                "config_version\t1.2\nsnapshot_root\t/backup/\ncmd_rsync\t/usr/bin/rsync\n");
        conf.append("retain\tdaily\t7\none_fs\t").append(separateVar && gap ? 1 : 0).append('\n');
        for (String line : excludes.split("\n")) {
          conf.append("exclude\t").append(line).append('\n');
        }
        conf.append("backup\t/\tlocalhost/\n");
        jobs.add(
            new BackupJob(
                "rsnapshot",
                "rsnapshot",
                List.of("rsnapshot", "-c", "/etc/rsnapshot.conf", "daily"),
                Map.of("/etc/rsnapshot.conf", conf.toString()),
                "30 2 * * *",
                null));
      }
      default -> {
        List<String> argv =
            new ArrayList<>(List.of("rsync", "-aHAX", "--exclude-from=/etc/backup/excludes"));
        if (separateVar && gap) {
          argv.add(1, "-x");
        }
        argv.add("/");
        argv.add("backup.example.net:/srv/" + hostname + "/");
        jobs.add(
            new BackupJob(
                "rsync-nightly",
                "rsync",
                argv,
                Map.of("/etc/backup/excludes", excludes),
                "0 1 * * *",
                null));
      }
    }
    if (random.nextBoolean()) {
      jobs.add(
          new BackupJob(
              "restic-offsite",
              "restic",
              List.of(
                  "restic",
                  "-r",
                  "sftp:vault:/restic/" + hostname,
                  "backup",
                  "--one-file-system",
                  "--exclude",
                  "/var/cache",
                  "--exclude-caches",
                  "/etc",
                  "/home",
                  "/root",
                  "/srv"),
              Map.of(),
              "0 4 * * *",
              null));
    }
    if (random.nextInt(4) == 0) {
      jobs.add(
          new BackupJob(
              "etc-tarball",
              "tar",
              List.of("tar", "-czf", "/backup/etc.tgz", "--exclude=*.dpkg-old", "/etc"),
              Map.of(),
              "15 0 * * *",
              null));
    }
    return jobs;
  }

  private String word() {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    StringBuilder w = new StringBuilder();
    for (int i = 0, n = 3 + random.nextInt(5); i < n; i++) {
      w.append(letters.charAt(random.nextInt(letters.length())));
    }
    return w.toString();
  }

  private String hex() {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Batched inserts, in the order the foreign keys need. */
  private static final class Batch implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement server;
    private final PreparedStatement inventory;
    private final PreparedStatement packages;
    private final PreparedStatement installed;
    private final PreparedStatement reports;
    private final PreparedStatement job;
    private final PreparedStatement queue;

    Batch(Connection c) throws SQLException {
      this.c = c;
      server =
          c.prepareStatement(
              "INSERT INTO servers (server_id, hostname, machine_id, labels, agent_token_hash,"
                  + " last_seen_at, os_id, os_family, os_name, kernel, architecture)"
                  + " VALUES (?, ?, ?, ?::jsonb, '\\x00', now(), ?, ?, ?, '6.1.0', 'x86_64')");
      inventory =
          c.prepareStatement(
              "INSERT INTO inventory_snapshots (server_id, upload_id, inventory) VALUES (?, 0,"
                  + " ?::jsonb)");
      packages =
          c.prepareStatement(
              "INSERT INTO package_snapshots (server_id, upload_id, manager, format,"
                  + " package_count, package_set, diff) VALUES (?, 0, ?, 'application/json', ?,"
                  + " ?::jsonb, '{}'::jsonb)");
      installed =
          c.prepareStatement(
              "INSERT INTO installed_packages (server_id, package_key, manager, name, category,"
                  + " version, slot, arch, explicit) SELECT ?, k, ?, n, c, v, s, a, e FROM"
                  + " unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                  + " ?::boolean[]) AS p(k, n, c, v, s, a, e) ON CONFLICT DO NOTHING");
      reports =
          c.prepareStatement(
              "INSERT INTO server_reports (server_id, kind, snapshot_id, sha256)"
                  + " SELECT server_id, 'inventory', max(snapshot_id), '\\x00'::bytea FROM"
                  + " inventory_snapshots WHERE server_id = ? GROUP BY server_id UNION ALL"
                  + " SELECT server_id, 'packages', max(snapshot_id), '\\x00'::bytea FROM"
                  + " package_snapshots WHERE server_id = ? GROUP BY server_id");
      job =
          c.prepareStatement(
              "INSERT INTO backup_jobs (server_id, name, tool, descriptor, schedule,"
                  + " last_finished_at, last_status, last_success_at) VALUES (?, ?, ?, ?::jsonb,"
                  + " ?, ?, ?, ?)");
      queue =
          c.prepareStatement(
              "INSERT INTO coverage_queue (server_id, reason) VALUES (?, 'generated') ON CONFLICT"
                  + " (server_id) DO UPDATE SET enqueued_at = clock_timestamp()");
    }

    void server(UUID id, String hostname, PackageManager manager, String role, String env)
        throws Exception {
      String os =
          switch (manager) {
            case DPKG -> "debian";
            case RPM -> "rhel";
            case PORTAGE -> "gentoo";
            case APK -> "alpine";
            case PACMAN -> "arch";
          };
      server.setObject(1, id);
      server.setString(2, hostname);
      server.setString(3, id.toString());
      server.setString(4, JSON.writeValueAsString(Map.of("env", env, "role", role)));
      server.setString(5, os);
      server.setString(6, os);
      server.setString(7, os);
      server.addBatch();
    }

    void inventory(UUID id, String json) throws SQLException {
      pending.add(id);
      inventory.setObject(1, id);
      inventory.setString(2, json);
      inventory.addBatch();
    }

    void packages(UUID id, PackageManager manager, PackageSet set) throws SQLException {
      packages.setObject(1, id);
      packages.setString(2, manager.id());
      packages.setInt(3, set.packages().size());
      packages.setString(4, PackageSetJson.toJson(set));
      packages.addBatch();
      int n = set.packages().size();
      String[] k = new String[n], nm = new String[n], cat = new String[n], v = new String[n];
      String[] s = new String[n], a = new String[n];
      Boolean[] e = new Boolean[n];
      for (int i = 0; i < n; i++) {
        InstalledPackage p = set.packages().get(i);
        k[i] = p.key();
        nm[i] = p.name();
        cat[i] = p.category();
        v[i] = p.fullVersion();
        s[i] = p.slot();
        a[i] = p.arch();
        e[i] = p.reason() == InstallReason.UNKNOWN ? null : p.reason() == InstallReason.EXPLICIT;
      }
      installed.setObject(1, id);
      installed.setString(2, manager.id());
      installed.setArray(3, c.createArrayOf("text", k));
      installed.setArray(4, c.createArrayOf("text", nm));
      installed.setArray(5, c.createArrayOf("text", cat));
      installed.setArray(6, c.createArrayOf("text", v));
      installed.setArray(7, c.createArrayOf("text", s));
      installed.setArray(8, c.createArrayOf("text", a));
      installed.setArray(9, c.createArrayOf("boolean", e));
      installed.addBatch();
    }

    void job(UUID id, BackupJob descriptor, String json, Instant success) throws SQLException {
      job.setObject(1, id);
      job.setString(2, descriptor.name());
      job.setString(3, descriptor.tool());
      job.setString(4, json);
      job.setString(5, descriptor.schedule());
      Timestamp at = success == null ? null : Timestamp.from(success);
      job.setTimestamp(6, at);
      job.setString(7, success == null ? "failure" : "success");
      job.setTimestamp(8, at);
      job.addBatch();
    }

    private final List<UUID> pending = new ArrayList<>();

    void flush() throws SQLException {
      server.executeBatch();
      inventory.executeBatch();
      packages.executeBatch();
      installed.executeBatch();
      for (UUID id : pending) {
        reports.setObject(1, id);
        reports.setObject(2, id);
        reports.addBatch();
        queue.setObject(1, id);
        queue.addBatch();
      }
      reports.executeBatch();
      job.executeBatch();
      queue.executeBatch();
      pending.clear();
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s :
          List.of(server, inventory, packages, installed, reports, job, queue)) {
        s.close();
      }
    }
  }
}
