package io.blindspot.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageEvaluator;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.JobUnderTest;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PortageWorldCheck;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.WorldDeriver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes what the coverage service would (backup jobs, listings, coverage reports) into the test
 * database: reports are real ones, evaluated with core on the server's stored world and jobs.
 */
final class CoverageFixture {

  /** The founding story's server: Gentoo, /var on its own partition (/dev/hdc4). */
  static final String GENTOO_INVENTORY =
      """
      {"hostname": "%s", "os": {"id": "gentoo", "name": "Gentoo"},
       "kernel": "6.6.13-gentoo", "architecture": "x86_64",
       "mounts": [{"device": "/dev/hdc3", "mountPoint": "/", "fsType": "ext4"},
                  {"device": "/dev/hdc4", "mountPoint": "/var", "fsType": "ext4"}],
       "partitionTable": "label: dos\\n/dev/hdc3 : start=2048, size=4194304, type=83\\n",
       "fstab": "/dev/hdc3 / ext4 noatime 0 1\\n/dev/hdc4 /var ext4 noatime 0 2\\n",
       "services": ["sshd"]}""";

  /** A dirvish vault with xdev: 1, tree / and /var/db in master.conf's exclude list (line 5). */
  static final String DIRVISH_JOB =
      """
      {"name": "web1", "tool": "dirvish", "command": ["dirvish", "--vault", "web1"],
       "files": {"/etc/dirvish/master.conf": "bank:\\n\\t/backup\\nexclude:\\n\\t/proc\\n\\t/var/db\\n",
                 "/backup/web1/dirvish/default.conf": "client: localhost\\ntree: /\\nxdev: 1\\n"},
       "schedule": "0 3 * * *",
       "lastRun": {"startedAt": "2026-11-25T03:00:00Z", "finishedAt": "2026-11-25T03:12:40Z",
                   "status": "success", "snapshot": "2026-11-25"}}""";

  private final FleetFixture db;
  private final ObjectMapper json;

  CoverageFixture(FleetFixture db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  /** Two slots of the kernel sources, a world file, and one package that is no slot. */
  static PackageSet gentooPackages() {
    return new PackageSet(
        PackageManager.PORTAGE,
        List.of(
            InstalledPackage.builder("gentoo-sources")
                .category("sys-kernel")
                .version("6.6.13")
                .slot("6.6.13")
                .reason(InstallReason.EXPLICIT)
                .build(),
            InstalledPackage.builder("gentoo-sources")
                .category("sys-kernel")
                .version("6.1.69")
                .slot("6.1.69")
                .reason(InstallReason.EXPLICIT)
                .build(),
            InstalledPackage.builder("glibc")
                .category("sys-libs")
                .version("2.38-r10")
                .slot("2.2")
                .reason(InstallReason.DEPENDENCY)
                .build()),
        List.of("sys-kernel/gentoo-sources", "app-misc/gone"),
        List.of());
  }

  /** The Gentoo server with its packages, inventory and dirvish job; coverage not evaluated. */
  UUID gentooServer(String hostname, Instant lastSuccess) {
    UUID id = db.server(hostname).os("gentoo", "gentoo", "Gentoo", "2.17").insert();
    db.packages(id, gentooPackages(), null, Instant.now().minus(Duration.ofDays(3)));
    db.inventory(id, GENTOO_INVENTORY.formatted(hostname), Instant.now());
    job(id, DIRVISH_JOB, lastSuccess);
    return id;
  }

  void job(UUID serverId, String descriptor, Instant lastSuccess) {
    BackupJob job = read(descriptor);
    db.update(
        """
        INSERT INTO backup_jobs (server_id, name, tool, descriptor, schedule, last_started_at,
                                 last_finished_at, last_status, last_snapshot, last_success_at)
        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
        """,
        serverId,
        job.name(),
        job.tool(),
        descriptor,
        job.schedule(),
        job.lastRun() == null ? null : timestamp(job.lastRun().startedAt()),
        job.lastRun() == null ? null : timestamp(job.lastRun().finishedAt()),
        job.lastRun() == null ? null : job.lastRun().status(),
        job.lastRun() == null ? null : job.lastRun().snapshot(),
        timestamp(lastSuccess));
  }

  void listing(UUID serverId, String job, String contentType, long entries, String snapshot) {
    db.update(
        """
        INSERT INTO backup_listings (server_id, job_name, upload_id, content_type, received_at,
                                     entry_count, snapshot)
        VALUES (?, ?, 0, ?, ?, ?, ?)
        """,
        serverId,
        job,
        contentType,
        timestamp(Instant.parse("2026-11-25T03:14:02Z")),
        entries,
        snapshot);
  }

  /** Evaluates the jobs against the world of this inventory and package set, as coverage does. */
  static CoverageDocument evaluate(
      String hostname,
      String inventoryJson,
      PackageSet packages,
      List<String> descriptors,
      Instant lastSuccess,
      Instant now) {
    Inventory inventory = InventoryJson.read(inventoryJson);
    var world = new WorldDeriver(ServiceKnowledge.builtIn()).derive(inventory, packages);
    List<JobUnderTest> jobs = new ArrayList<>();
    for (String descriptor : descriptors) {
      BackupJob job = read(descriptor);
      try {
        jobs.add(
            new JobUnderTest(
                job,
                BackupRuleEngines.compile(job),
                null,
                lastSuccess,
                job.lastRun() == null ? null : job.lastRun().snapshot(),
                null));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    List<Filesystem> filesystems =
        inventory.mounts().stream().map(m -> new Filesystem(m.mountPoint(), m.device())).toList();
    CoverageReport report =
        new CoverageEvaluator(Duration.ofHours(26))
            .evaluate(world, jobs, new TreeFacts(filesystems, null, null), now);
    return CoverageDocument.of(
        hostname,
        report,
        now,
        null,
        "no successful backup holds the package database: there is no copy to drift",
        packages.manager() == PackageManager.PORTAGE
            ? PortageWorldCheck.check(packages)
            : List.of(),
        List.of());
  }

  /** Adds a history row (first seen at {@code firstSeen}); returns its report id. */
  long report(UUID serverId, CoverageDocument document, Instant firstSeen) {
    try {
      return db.count(
          """
          INSERT INTO coverage_reports (server_id, evaluated_at, readiness, score, digest, report)
          VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING report_id
          """,
          serverId,
          timestamp(firstSeen),
          document.readiness(),
          document.score(),
          UUID.randomUUID().toString().getBytes(),
          json.writeValueAsString(document));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes a history row the current coverage, last evaluated at {@code evaluatedAt}. */
  void current(UUID serverId, long reportId, Instant evaluatedAt, String readiness, int score) {
    db.update(
        """
        INSERT INTO server_coverage (server_id, report_id, evaluated_at, readiness, score)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (server_id) DO UPDATE
           SET report_id = excluded.report_id, evaluated_at = excluded.evaluated_at,
               readiness = excluded.readiness, score = excluded.score
        """,
        serverId,
        reportId,
        timestamp(evaluatedAt),
        readiness,
        score);
  }

  /** Stores {@code document} as a new report and makes it current; returns its report id. */
  long coverage(UUID serverId, CoverageDocument document, Instant firstSeen, Instant lastSeen) {
    long reportId = report(serverId, document, firstSeen);
    current(serverId, reportId, lastSeen, document.readiness(), document.score());
    return reportId;
  }

  private static BackupJob read(String descriptor) {
    try {
      return new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .readValue(descriptor, BackupJob.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
