package io.blindspot.ingest.packages.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.ingest.packages.application.PackageSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link PackageSnapshots} in plain SQL, joining the caller's transaction. The installed packages
 * go in as one {@code INSERT ... SELECT FROM unnest(arrays)}: one statement and one round trip for
 * the whole set, whatever its size.
 */
@ApplicationScoped
public class JdbcPackageSnapshots implements PackageSnapshots {

  private static final String INSERT_INSTALLED =
      """
      INSERT INTO installed_packages
             (server_id, package_key, manager, name, category, version, slot, arch, explicit)
      SELECT ?, k, ?, n, c, v, s, a, e
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
             AS p(k, n, c, v, s, a, e)
      """;

  private final DataSource dataSource;
  private final ObjectMapper json;

  JdbcPackageSnapshots(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public PackageSet packageSet(UUID serverId, long snapshotId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT package_set::text FROM package_snapshots"
                    + " WHERE server_id = ? AND snapshot_id = ?")) {
      select.setObject(1, serverId);
      select.setLong(2, snapshotId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException(
              "server " + serverId + " points at missing package snapshot " + snapshotId);
        }
        return PackageSetJson.fromJson(row.getString(1));
      }
    } catch (SQLException | PackageFormatException e) {
      throw new IllegalStateException(
          "cannot read package snapshot " + snapshotId + " of server " + serverId, e);
    }
  }

  @Override
  public long insert(
      UUID serverId, long uploadId, String format, PackageSet packages, PackageSetDiff diff) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO package_snapshots
                       (server_id, upload_id, manager, format, package_count, package_set, diff)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                RETURNING snapshot_id
                """)) {
      insert.setObject(1, serverId);
      insert.setLong(2, uploadId);
      insert.setString(3, packages.manager().id());
      insert.setString(4, format);
      insert.setInt(5, packages.packages().size());
      insert.setString(6, PackageSetJson.toJson(packages));
      insert.setString(7, json.writeValueAsString(diff));
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store the package snapshot", e);
    }
  }

  @Override
  public void replaceInstalled(UUID serverId, PackageSet packages) {
    // rpm installs some packages (kernels) in several versions under one key; one row each, but
    // an exact repeat of key and version would only be a duplicate row.
    List<InstalledPackage> rows = new ArrayList<>(packages.packages().size());
    Set<String> seen = new HashSet<>();
    for (InstalledPackage p : packages.packages()) {
      if (seen.add(p.key() + '\0' + p.fullVersion())) {
        rows.add(p);
      }
    }
    int n = rows.size();
    String[] keys = new String[n];
    String[] names = new String[n];
    String[] categories = new String[n];
    String[] versions = new String[n];
    String[] slots = new String[n];
    String[] arches = new String[n];
    Boolean[] explicit = new Boolean[n];
    for (int i = 0; i < n; i++) {
      InstalledPackage p = rows.get(i);
      keys[i] = p.key();
      names[i] = p.name();
      categories[i] = p.category();
      versions[i] = p.fullVersion();
      slots[i] = p.slot();
      arches[i] = p.arch();
      explicit[i] =
          p.reason() == InstallReason.UNKNOWN ? null : p.reason() == InstallReason.EXPLICIT;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM installed_packages WHERE server_id = ?");
        PreparedStatement insert = connection.prepareStatement(INSERT_INSTALLED)) {
      delete.setObject(1, serverId);
      delete.executeUpdate();
      insert.setObject(1, serverId);
      insert.setString(2, packages.manager().id());
      insert.setArray(3, connection.createArrayOf("text", keys));
      insert.setArray(4, connection.createArrayOf("text", names));
      insert.setArray(5, connection.createArrayOf("text", categories));
      insert.setArray(6, connection.createArrayOf("text", versions));
      insert.setArray(7, connection.createArrayOf("text", slots));
      insert.setArray(8, connection.createArrayOf("text", arches));
      insert.setArray(9, connection.createArrayOf("boolean", explicit));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the installed packages", e);
    }
  }
}
