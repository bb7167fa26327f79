package io.blindspot.ingest.inventory.persistence;

import io.blindspot.ingest.inventory.application.Inventory;
import io.blindspot.ingest.inventory.application.InventorySnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link InventorySnapshots} in plain SQL, joining the caller's transaction. */
@ApplicationScoped
public class JdbcInventorySnapshots implements InventorySnapshots {

  private final DataSource dataSource;

  JdbcInventorySnapshots(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public long insert(UUID serverId, long uploadId, String canonicalJson) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO inventory_snapshots (server_id, upload_id, inventory)
                VALUES (?, ?, ?::jsonb)
                RETURNING snapshot_id
                """)) {
      insert.setObject(1, serverId);
      insert.setLong(2, uploadId);
      insert.setString(3, canonicalJson);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the inventory snapshot", e);
    }
  }

  @Override
  public void describeServer(
      UUID serverId, Inventory inventory, String osFamily, String agentLabelsJson) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                """
                UPDATE servers
                   SET os_id = ?, os_family = ?, os_name = ?, os_version_id = ?,
                       kernel = ?, architecture = ?, agent_labels = ?::jsonb
                 WHERE server_id = ?
                """)) {
      update.setString(1, inventory.os().id());
      update.setString(2, osFamily);
      update.setString(3, inventory.os().name());
      update.setString(4, inventory.os().versionId());
      update.setString(5, inventory.kernel());
      update.setString(6, inventory.architecture());
      update.setString(7, agentLabelsJson);
      update.setObject(8, serverId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update server " + serverId, e);
    }
  }
}
