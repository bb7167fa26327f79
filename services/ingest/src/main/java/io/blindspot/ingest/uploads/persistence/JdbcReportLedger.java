package io.blindspot.ingest.uploads.persistence;

import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.ReportLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link ReportLedger} in plain SQL: these statements run on every upload, and the unchanged path
 * has a 5 ms budget, so there is no entity loading here. Inside a transaction the data source hands
 * out the transaction's connection, so these statements join it.
 */
@ApplicationScoped
public class JdbcReportLedger implements ReportLedger {

  // One round trip: the report row is only touched when its digest matches, and the server row
  // only when the report row was.
  private static final String TOUCH_IF_UNCHANGED =
      """
      WITH seen AS (
        UPDATE server_reports SET last_seen_at = now()
         WHERE server_id = ? AND kind = ? AND sha256 = ?
        RETURNING server_id)
      UPDATE servers SET last_seen_at = now()
       WHERE server_id = (SELECT server_id FROM seen)
      """;

  private final DataSource dataSource;

  JdbcReportLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean touchIfUnchanged(UUID serverId, ReportKind kind, byte[] sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(TOUCH_IF_UNCHANGED)) {
      statement.setObject(1, serverId);
      statement.setString(2, kind.id());
      statement.setBytes(3, sha256);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the current " + kind.id() + " report", e);
    }
  }

  @Override
  public Optional<CurrentReport> lockCurrent(UUID serverId, ReportKind kind) {
    try (Connection connection = dataSource.getConnection()) {
      // The server row is the lock: it exists before any report does, unlike the report row.
      try (PreparedStatement lock =
          connection.prepareStatement(
              "SELECT 1 FROM servers WHERE server_id = ? FOR NO KEY UPDATE")) {
        lock.setObject(1, serverId);
        lock.executeQuery().close();
      }
      try (PreparedStatement current =
          connection.prepareStatement(
              "SELECT snapshot_id, sha256 FROM server_reports WHERE server_id = ? AND kind = ?")) {
        current.setObject(1, serverId);
        current.setString(2, kind.id());
        try (ResultSet row = current.executeQuery()) {
          return row.next()
              ? Optional.of(new CurrentReport(row.getLong(1), row.getBytes(2)))
              : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock server " + serverId, e);
    }
  }

  @Override
  public long storeUpload(
      UUID serverId,
      ReportKind kind,
      String contentType,
      byte[] sha256,
      long sizeBytes,
      byte[] bodyGzip) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO uploads (server_id, kind, content_type, sha256, size_bytes, body_gzip)
                VALUES (?, ?, ?, ?, ?, ?)
                RETURNING upload_id
                """)) {
      insert.setObject(1, serverId);
      insert.setString(2, kind.id());
      insert.setString(3, contentType);
      insert.setBytes(4, sha256);
      insert.setLong(5, sizeBytes);
      insert.setBytes(6, bodyGzip);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the " + kind.id() + " upload", e);
    }
  }

  @Override
  public void makeCurrent(UUID serverId, ReportKind kind, long snapshotId, byte[] sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                """
                INSERT INTO server_reports (server_id, kind, snapshot_id, sha256)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (server_id, kind) DO UPDATE
                   SET snapshot_id = excluded.snapshot_id, sha256 = excluded.sha256,
                       updated_at = now(), last_seen_at = now()
                """);
        PreparedStatement seen =
            connection.prepareStatement(
                "UPDATE servers SET last_seen_at = now() WHERE server_id = ?")) {
      upsert.setObject(1, serverId);
      upsert.setString(2, kind.id());
      upsert.setLong(3, snapshotId);
      upsert.setBytes(4, sha256);
      upsert.executeUpdate();
      seen.setObject(1, serverId);
      seen.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the " + kind.id() + " snapshot current", e);
    }
  }

  @Override
  public void pruneUploads(UUID serverId, ReportKind kind, int keep) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement prune =
            connection.prepareStatement(
                """
                DELETE FROM uploads
                 WHERE server_id = ? AND kind = ? AND upload_id < (
                   SELECT min(upload_id) FROM (
                     SELECT upload_id FROM uploads
                      WHERE server_id = ? AND kind = ?
                      ORDER BY upload_id DESC LIMIT ?) AS newest)
                """)) {
      prune.setObject(1, serverId);
      prune.setString(2, kind.id());
      prune.setObject(3, serverId);
      prune.setString(4, kind.id());
      prune.setInt(5, Math.max(1, keep));
      prune.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prune the " + kind.id() + " uploads", e);
    }
  }
}
