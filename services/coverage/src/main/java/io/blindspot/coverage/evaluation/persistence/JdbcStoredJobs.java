package io.blindspot.coverage.evaluation.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.coverage.evaluation.application.StoredJobs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads a stored job descriptor and its server's current mounts. */
@ApplicationScoped
class JdbcStoredJobs implements StoredJobs {

  private static final String SQL =
      """
      SELECT j.descriptor::text, i.inventory::text
        FROM servers s
        JOIN backup_jobs j ON j.server_id = s.server_id AND j.name = ?
        LEFT JOIN server_reports r ON r.server_id = s.server_id AND r.kind = 'inventory'
        LEFT JOIN inventory_snapshots i
               ON i.server_id = r.server_id AND i.snapshot_id = r.snapshot_id
       WHERE s.hostname = ?
      """;

  private final DataSource dataSource;
  private final ObjectMapper json;

  JdbcStoredJobs(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public Optional<StoredJob> find(String hostname, String job) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SQL)) {
      s.setString(1, job);
      s.setString(2, hostname);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        BackupJob descriptor = json.readValue(r.getString(1), BackupJob.class);
        String inventory = r.getString(2);
        List<Filesystem> filesystems =
            inventory == null
                ? List.of()
                : InventoryJson.read(inventory).mounts().stream()
                    .filter(m -> m.mountPoint() != null)
                    .map(m -> new Filesystem(m.mountPoint(), m.device()))
                    .toList();
        return Optional.of(new StoredJob(descriptor, filesystems));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read job " + job + " of " + hostname, e);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored job descriptor no longer parses", e);
    }
  }
}
