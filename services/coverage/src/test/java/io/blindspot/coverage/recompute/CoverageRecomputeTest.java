package io.blindspot.coverage.recompute;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The work queue end to end: rows as ingest writes them, a queue entry, and the stored result. */
@QuarkusTest
class CoverageRecomputeTest {

  @Inject DataSource dataSource;

  static final String INVENTORY =
      """
      {"hostname": "%s", "machineId": "%s", "os": {"id": "gentoo", "name": "Gentoo"},
       "kernel": "6.6.13-gentoo", "architecture": "x86_64",
       "mounts": [{"device": "/dev/hdc3", "mountPoint": "/", "fsType": "ext4"},
                  {"device": "/dev/hdc4", "mountPoint": "/var", "fsType": "ext4"}],
       "partitionTable": "label: dos\\n", "fstab": "/dev/hdc4 /var ext4 noatime 0 2\\n",
       "services": ["sshd"]}""";

  static final String JOB =
      """
      {"name": "web1", "tool": "dirvish", "command": ["dirvish", "--vault", "web1"],
       "files": {"/etc/dirvish/master.conf": "bank:\\n\\t/backup\\nexclude:\\n\\t/proc\\n\\t/var/db\\n",
                 "/backup/web1/dirvish/default.conf": "client: localhost\\ntree: /\\nxdev: 1\\n"}}""";

  @Test
  void anEnqueuedServerIsEvaluatedWithinSecondsAndOnlyChangedOutcomesEnterTheHistory()
      throws Exception {
    UUID server = UUID.randomUUID();
    String hostname = "gentoo-" + server.toString().substring(0, 8);
    Instant lastSuccess = Instant.now().minus(2, ChronoUnit.HOURS);
    try (Connection c = dataSource.getConnection()) {
      insertServer(c, server, hostname, lastSuccess);
      enqueue(c, server);
    }

    String readiness = awaitReadiness(server);

    assertThat(readiness).isEqualTo("NOT_RESTORABLE");
    try (Connection c = dataSource.getConnection()) {
      assertThat(
              query(
                  c,
                  "SELECT status FROM asset_coverage WHERE server_id = ? AND path = '/var/db/pkg/'",
                  server))
          .containsExactly("uncovered");
      assertThat(
              query(
                  c,
                  "SELECT detail->'jobs'->0->>'reason' FROM asset_coverage WHERE server_id = ? AND path = '/var/db/pkg/'",
                  server))
          .containsExactly("other-filesystem");
      // the package database is in no backup, so there is no copy to drift from
      assertThat(
              query(
                  c,
                  "SELECT report->>'driftNote' FROM coverage_reports WHERE server_id = ?",
                  server))
          .singleElement()
          .asString()
          .contains("no successful backup holds the package database");
      assertThat(query(c, "SELECT count(*)::text FROM coverage_queue WHERE server_id = ?", server))
          .containsExactly("0");
      // the fleet service's policy worker is told, in the same transaction
      assertThat(query(c, "SELECT reason FROM policy_queue WHERE server_id = ?", server))
          .containsExactly("coverage evaluated");

      // the same inputs again: evaluated anew, but the history does not grow
      enqueue(c, server);
    }
    awaitQueueEmpty(server);
    try (Connection c = dataSource.getConnection()) {
      assertThat(
              query(c, "SELECT count(*)::text FROM coverage_reports WHERE server_id = ?", server))
          .containsExactly("1");
    }
  }

  private static void insertServer(Connection c, UUID server, String hostname, Instant lastSuccess)
      throws SQLException {
    update(
        c,
        "INSERT INTO servers (server_id, hostname, machine_id, agent_token_hash) VALUES (?, ?, ?, '\\x00')",
        server,
        hostname,
        server.toString());
    PackageSet packages =
        new PackageSet(
            PackageManager.PORTAGE,
            List.of(
                InstalledPackage.builder("gentoo-sources")
                    .category("sys-kernel")
                    .version("6.6.13")
                    .slot("6.6.13")
                    .reason(InstallReason.EXPLICIT)
                    .build()),
            List.of("sys-kernel/gentoo-sources"),
            List.of());
    update(
        c,
        "INSERT INTO uploads (server_id, kind, content_type, sha256, size_bytes, body_gzip) VALUES (?, 'inventory', 'application/json', '\\x00', 1, '\\x00')",
        server);
    update(
        c,
        "INSERT INTO inventory_snapshots (server_id, upload_id, inventory) VALUES (?, 1, ?::jsonb)",
        server,
        INVENTORY.formatted(hostname, server));
    update(
        c,
        "INSERT INTO package_snapshots (server_id, upload_id, taken_at, manager, format, package_count, package_set, diff)"
            + " VALUES (?, 1, now() - interval '1 day', 'portage', 'application/json', 1, ?::jsonb, '{}')",
        server,
        PackageSetJson.toJson(packages));
    update(
        c,
        "INSERT INTO server_reports (server_id, kind, snapshot_id, sha256)"
            + " SELECT server_id, 'inventory', snapshot_id, '\\x00' FROM inventory_snapshots WHERE server_id = ?",
        server);
    update(
        c,
        "INSERT INTO server_reports (server_id, kind, snapshot_id, sha256)"
            + " SELECT server_id, 'packages', snapshot_id, '\\x00' FROM package_snapshots WHERE server_id = ?",
        server);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO backup_jobs (server_id, name, tool, descriptor, last_success_at) VALUES (?, 'web1', 'dirvish', ?::jsonb, ?)")) {
      s.setObject(1, server);
      s.setString(2, JOB);
      s.setTimestamp(3, Timestamp.from(lastSuccess));
      s.executeUpdate();
    }
  }

  private static void enqueue(Connection c, UUID server) throws SQLException {
    update(
        c,
        "INSERT INTO coverage_queue (server_id, reason) VALUES (?, 'test') ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp()",
        server);
  }

  private String awaitReadiness(UUID server) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = dataSource.getConnection()) {
        List<String> rows =
            query(c, "SELECT readiness FROM server_coverage WHERE server_id = ?", server);
        if (!rows.isEmpty()) {
          return rows.get(0);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("coverage of " + server + " was not computed within 5 seconds");
  }

  private void awaitQueueEmpty(UUID server) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = dataSource.getConnection()) {
        if (query(c, "SELECT 1 FROM coverage_queue WHERE server_id = ?", server).isEmpty()) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the queue entry of " + server + " was not taken within 5 seconds");
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  private static List<String> query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        List<String> rows = new java.util.ArrayList<>();
        while (r.next()) {
          rows.add(r.getString(1));
        }
        return rows;
      }
    }
  }
}
