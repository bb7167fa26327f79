package io.blindspot.ingest.listings.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.ingest.listings.application.CheckedListing;
import io.blindspot.ingest.listings.application.ListingStore;
import io.blindspot.ingest.uploads.application.ReportKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link ListingStore} in plain SQL, joining the caller's transaction. The raw body goes to {@code
 * uploads} with {@code setBinaryStream} from the spool file, never as one byte array.
 */
@ApplicationScoped
public class JdbcListingStore implements ListingStore {

  private static final String TOUCH_IF_UNCHANGED =
      """
      WITH seen AS (
        UPDATE server_reports SET last_seen_at = now()
         WHERE server_id = ? AND kind = ? AND sha256 = ?
        RETURNING server_id)
      UPDATE servers SET last_seen_at = now()
       WHERE server_id = (SELECT server_id FROM seen)
      """;

  private static final String UPSERT_LISTING =
      """
      INSERT INTO backup_listings
             (server_id, job_name, upload_id, content_type, entry_count, snapshot,
              present_paths, checked_paths)
      VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
      ON CONFLICT (server_id, job_name) DO UPDATE
         SET upload_id = excluded.upload_id, content_type = excluded.content_type,
             received_at = now(), entry_count = excluded.entry_count,
             snapshot = excluded.snapshot, present_paths = excluded.present_paths,
             checked_paths = excluded.checked_paths
      """;

  private final DataSource dataSource;
  private final ObjectMapper json;

  JdbcListingStore(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public boolean jobExists(UUID serverId, String job) {
    return string("SELECT name FROM backup_jobs WHERE server_id = ? AND name = ?", serverId, job)
        .isPresent();
  }

  @Override
  public Optional<String> currentInventory(UUID serverId) {
    return string(
        "SELECT i.inventory::text FROM server_reports r JOIN inventory_snapshots i"
            + " ON i.server_id = r.server_id AND i.snapshot_id = r.snapshot_id"
            + " WHERE r.server_id = ? AND r.kind = 'inventory'",
        serverId);
  }

  @Override
  public Optional<String> currentPackageSet(UUID serverId) {
    return string(
        "SELECT p.package_set::text FROM server_reports r JOIN package_snapshots p"
            + " ON p.server_id = r.server_id AND p.snapshot_id = r.snapshot_id"
            + " WHERE r.server_id = ? AND r.kind = 'packages'",
        serverId);
  }

  @Override
  public List<String> addedKnowledge() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT entry::text FROM service_knowledge ORDER BY id");
        ResultSet rows = select.executeQuery()) {
      List<String> entries = new ArrayList<>();
      while (rows.next()) {
        entries.add(rows.getString(1));
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the service knowledge", e);
    }
  }

  @Override
  public boolean touchIfUnchanged(UUID serverId, String job, byte[] sha256) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(TOUCH_IF_UNCHANGED)) {
      statement.setObject(1, serverId);
      statement.setString(2, ReportKind.listingOf(job));
      statement.setBytes(3, sha256);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the current listing of " + job, e);
    }
  }

  @Override
  public Optional<byte[]> lockCurrent(UUID serverId, String job) {
    try (Connection connection = dataSource.getConnection()) {
      // The server row is the lock, as for every other kind of report.
      try (PreparedStatement lock =
          connection.prepareStatement(
              "SELECT 1 FROM servers WHERE server_id = ? FOR NO KEY UPDATE")) {
        lock.setObject(1, serverId);
        lock.executeQuery().close();
      }
      try (PreparedStatement current =
          connection.prepareStatement(
              "SELECT sha256 FROM server_reports WHERE server_id = ? AND kind = ?")) {
        current.setObject(1, serverId);
        current.setString(2, ReportKind.listingOf(job));
        try (ResultSet row = current.executeQuery()) {
          return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock server " + serverId, e);
    }
  }

  @Override
  public long storeUpload(
      UUID serverId, String contentType, byte[] sha256, long sizeBytes, Path bodyGzip) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO uploads (server_id, kind, content_type, sha256, size_bytes, body_gzip)
                VALUES (?, ?, ?, ?, ?, ?)
                RETURNING upload_id
                """);
        InputStream body = Files.newInputStream(bodyGzip)) {
      insert.setObject(1, serverId);
      insert.setString(2, ReportKind.LISTING.id());
      insert.setString(3, contentType);
      insert.setBytes(4, sha256);
      insert.setLong(5, sizeBytes);
      insert.setBinaryStream(6, body, Files.size(bodyGzip));
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the listing upload", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spooled listing", e);
    }
  }

  @Override
  public void upsertListing(UUID serverId, String job, long uploadId, CheckedListing listing) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(UPSERT_LISTING)) {
      upsert.setObject(1, serverId);
      upsert.setString(2, job);
      upsert.setLong(3, uploadId);
      upsert.setString(4, listing.contentType());
      upsert.setLong(5, listing.entries());
      upsert.setString(6, listing.snapshot());
      upsert.setString(7, json.writeValueAsString(listing.present()));
      upsert.setString(8, json.writeValueAsString(listing.checked()));
      upsert.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store the listing of " + job, e);
    }
  }

  @Override
  public void makeCurrent(UUID serverId, String job, long uploadId, byte[] sha256) {
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
      upsert.setString(2, ReportKind.listingOf(job));
      upsert.setLong(3, uploadId);
      upsert.setBytes(4, sha256);
      upsert.executeUpdate();
      seen.setObject(1, serverId);
      seen.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the listing of " + job + " current", e);
    }
  }

  @Override
  public void pruneUploads(UUID serverId, int keep) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement prune =
            connection.prepareStatement(
                """
                DELETE FROM uploads u
                 WHERE u.server_id = ? AND u.kind = 'listing'
                   AND NOT EXISTS (SELECT 1 FROM backup_listings l
                                    WHERE l.server_id = u.server_id AND l.upload_id = u.upload_id)
                   AND u.upload_id NOT IN (
                     SELECT upload_id FROM uploads
                      WHERE server_id = ? AND kind = 'listing'
                      ORDER BY upload_id DESC LIMIT ?)
                """)) {
      prune.setObject(1, serverId);
      prune.setObject(2, serverId);
      prune.setInt(3, Math.max(1, keep));
      prune.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prune the listing uploads", e);
    }
  }

  private Optional<String> string(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + sql, e);
    }
  }
}
