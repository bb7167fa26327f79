package io.blindspot.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.core.tokens.AgentToken;
import io.blindspot.core.tokens.TokenDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes what the ingest service would (servers, snapshots, installed packages) straight into the
 * test database, since ingest runs in another process.
 */
public final class FleetFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public FleetFixture(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A server to insert; fields left unset stay null. */
  public ServerRow server(String hostname) {
    return new ServerRow(hostname);
  }

  public final class ServerRow {
    private final String hostname;
    private Map<String, String> labels = Map.of();
    private Map<String, String> agentLabels = Map.of();
    private String osId;
    private String osFamily;
    private String osName;
    private String osVersionId;
    private String kernel;
    private String architecture;
    private Instant lastSeenAt;

    private ServerRow(String hostname) {
      this.hostname = hostname;
    }

    public ServerRow labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public ServerRow agentLabels(Map<String, String> agentLabels) {
      this.agentLabels = agentLabels;
      return this;
    }

    public ServerRow os(String id, String family, String name, String versionId) {
      this.osId = id;
      this.osFamily = family;
      this.osName = name;
      this.osVersionId = versionId;
      return this;
    }

    public ServerRow kernel(String kernel, String architecture) {
      this.kernel = kernel;
      this.architecture = architecture;
      return this;
    }

    public ServerRow lastSeenAt(Instant lastSeenAt) {
      this.lastSeenAt = lastSeenAt;
      return this;
    }

    public UUID insert() {
      UUID id = UUID.randomUUID();
      update(
          """
          INSERT INTO servers (server_id, hostname, machine_id, labels, agent_labels,
                               agent_token_hash, last_seen_at, os_id, os_family, os_name,
                               os_version_id, kernel, architecture)
          VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          id,
          hostname,
          id.toString().replace("-", ""),
          json(labels),
          json(agentLabels),
          TokenDigest.sha256(AgentToken.issue(id).token()),
          timestamp(lastSeenAt),
          osId,
          osFamily,
          osName,
          osVersionId,
          kernel,
          architecture);
      return id;
    }
  }

  /**
   * Stores {@code set} as the server's new current package snapshot, with its diff against the
   * previous one, and replaces its installed packages; returns the snapshot id.
   */
  public long packages(UUID serverId, PackageSet set, PackageSet previous, Instant takenAt) {
    PackageSetDiff diff =
        PackageSetDiff.between(
            previous == null ? new PackageSet(set.manager(), List.of(), null, null) : previous,
            set,
            io.blindspot.core.versions.Versions.comparatorFor(set.manager()));
    long snapshotId =
        queryLong(
            """
            INSERT INTO package_snapshots (server_id, upload_id, taken_at, manager, format,
                                           package_count, package_set, diff)
            VALUES (?, 0, ?, ?, 'application/json', ?, ?::jsonb, ?::jsonb)
            RETURNING snapshot_id
            """,
            serverId,
            timestamp(takenAt),
            set.manager().id(),
            set.packages().size(),
            PackageSetJson.toJson(set),
            json(diff));
    report(serverId, "packages", snapshotId, takenAt);
    update("DELETE FROM installed_packages WHERE server_id = ?", serverId);
    for (InstalledPackage p : set.packages()) {
      update(
          """
          INSERT INTO installed_packages (server_id, package_key, manager, name, category,
                                          version, slot, arch, explicit)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          serverId,
          p.key(),
          set.manager().id(),
          p.name(),
          p.category(),
          p.fullVersion(),
          p.slot(),
          p.arch(),
          p.reason() == InstallReason.UNKNOWN ? null : p.reason() == InstallReason.EXPLICIT);
    }
    return snapshotId;
  }

  /** Stores an inventory snapshot (canonical inventory JSON) and makes it current. */
  public long inventory(UUID serverId, String inventoryJson, Instant takenAt) {
    long snapshotId =
        queryLong(
            """
            INSERT INTO inventory_snapshots (server_id, upload_id, taken_at, inventory)
            VALUES (?, 0, ?, ?::jsonb) RETURNING snapshot_id
            """,
            serverId,
            timestamp(takenAt),
            inventoryJson);
    report(serverId, "inventory", snapshotId, takenAt);
    return snapshotId;
  }

  public long count(String sql, Object... parameters) {
    return queryLong(sql, parameters);
  }

  public void update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void report(UUID serverId, String kind, long snapshotId, Instant at) {
    update(
        """
        INSERT INTO server_reports (server_id, kind, snapshot_id, sha256, updated_at, last_seen_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (server_id, kind) DO UPDATE
           SET snapshot_id = excluded.snapshot_id, sha256 = excluded.sha256,
               updated_at = excluded.updated_at, last_seen_at = excluded.last_seen_at
        """,
        serverId,
        kind,
        snapshotId,
        TokenDigest.sha256(kind + snapshotId),
        timestamp(at),
        timestamp(at));
  }

  private long queryLong(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A package for test sets: name, full version parts, arch. */
  public static InstalledPackage pkg(String name, String version) {
    return InstalledPackage.builder(name).version(version).arch("amd64").build();
  }

  public static PackageSet set(PackageManager manager, InstalledPackage... packages) {
    return new PackageSet(manager, List.of(packages), List.of(), List.of());
  }
}
