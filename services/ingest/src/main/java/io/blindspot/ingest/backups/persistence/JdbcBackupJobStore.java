package io.blindspot.ingest.backups.persistence;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.LastRun;
import io.blindspot.ingest.backups.application.BackupJobStore;
import io.blindspot.ingest.uploads.application.ReportKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link BackupJobStore} in plain SQL, joining the caller's transaction. The jobs go in as one
 * {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE}: {@code greatest} ignores
 * nulls, so a run that is not a success leaves {@code last_success_at} where it was.
 */
@ApplicationScoped
public class JdbcBackupJobStore implements BackupJobStore {

  private static final String UPSERT_JOBS =
      """
      INSERT INTO backup_jobs
             (server_id, name, tool, descriptor, schedule, last_started_at, last_finished_at,
              last_status, last_snapshot, last_success_at)
      SELECT ?, n, t, d::jsonb, s, st::timestamptz, fi::timestamptz, ls, sn, su::timestamptz
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[]) AS j(n, t, d, s, st, fi, ls, sn, su)
      ON CONFLICT (server_id, name) DO UPDATE
         SET tool = excluded.tool, descriptor = excluded.descriptor, schedule = excluded.schedule,
             last_started_at = excluded.last_started_at,
             last_finished_at = excluded.last_finished_at, last_status = excluded.last_status,
             last_snapshot = excluded.last_snapshot,
             last_success_at = greatest(backup_jobs.last_success_at, excluded.last_success_at)
      """;

  private final DataSource dataSource;

  JdbcBackupJobStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Map<String, String> currentDescriptors(UUID serverId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT name, descriptor::text FROM backup_jobs WHERE server_id = ?")) {
      select.setObject(1, serverId);
      Map<String, String> descriptors = new HashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          descriptors.put(rows.getString(1), rows.getString(2));
        }
      }
      return descriptors;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the backup jobs of server " + serverId, e);
    }
  }

  @Override
  public long insertSnapshot(UUID serverId, long uploadId, String jobsJson) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO backup_job_snapshots (server_id, upload_id, jobs)
                VALUES (?, ?, ?::jsonb)
                RETURNING snapshot_id
                """)) {
      insert.setObject(1, serverId);
      insert.setLong(2, uploadId);
      insert.setString(3, jobsJson);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the backup job snapshot", e);
    }
  }

  @Override
  public void replaceJobs(UUID serverId, List<BackupJob> jobs, List<String> descriptors) {
    int n = jobs.size();
    String[] names = new String[n];
    String[] tools = new String[n];
    String[] schedules = new String[n];
    String[] started = new String[n];
    String[] finished = new String[n];
    String[] statuses = new String[n];
    String[] snapshots = new String[n];
    String[] successes = new String[n];
    String[] listingKinds = new String[n];
    for (int i = 0; i < n; i++) {
      BackupJob job = jobs.get(i);
      names[i] = job.name();
      tools[i] = job.tool();
      schedules[i] = job.schedule();
      listingKinds[i] = ReportKind.listingOf(job.name());
      LastRun run = job.lastRun();
      if (run != null) {
        started[i] = text(run.startedAt());
        finished[i] = text(run.finishedAt());
        statuses[i] = run.status();
        snapshots[i] = run.snapshot();
        if ("success".equals(run.status())) {
          successes[i] = text(run.finishedAt() != null ? run.finishedAt() : run.startedAt());
        }
      }
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement deleteJobs =
            connection.prepareStatement(
                "DELETE FROM backup_jobs WHERE server_id = ? AND NOT name = ANY(?::text[])");
        PreparedStatement deleteListings =
            connection.prepareStatement(
                "DELETE FROM backup_listings WHERE server_id = ? AND NOT job_name = ANY(?::text[])");
        PreparedStatement deleteListingReports =
            connection.prepareStatement(
                "DELETE FROM server_reports WHERE server_id = ? AND kind LIKE 'listing:%'"
                    + " AND NOT kind = ANY(?::text[])");
        PreparedStatement upsert = connection.prepareStatement(UPSERT_JOBS)) {
      var nameArray = connection.createArrayOf("text", names);
      for (PreparedStatement delete : List.of(deleteJobs, deleteListings)) {
        delete.setObject(1, serverId);
        delete.setArray(2, nameArray);
        delete.executeUpdate();
      }
      deleteListingReports.setObject(1, serverId);
      deleteListingReports.setArray(2, connection.createArrayOf("text", listingKinds));
      deleteListingReports.executeUpdate();
      upsert.setObject(1, serverId);
      upsert.setArray(2, nameArray);
      upsert.setArray(3, connection.createArrayOf("text", tools));
      upsert.setArray(4, connection.createArrayOf("text", descriptors.toArray(String[]::new)));
      upsert.setArray(5, connection.createArrayOf("text", schedules));
      upsert.setArray(6, connection.createArrayOf("text", started));
      upsert.setArray(7, connection.createArrayOf("text", finished));
      upsert.setArray(8, connection.createArrayOf("text", statuses));
      upsert.setArray(9, connection.createArrayOf("text", snapshots));
      upsert.setArray(10, connection.createArrayOf("text", successes));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the backup jobs", e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
