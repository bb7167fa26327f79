package io.blindspot.coverage.recompute.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.coverage.SnapshotListing;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.core.world.ServiceEntry;
import io.blindspot.coverage.recompute.application.CoverageInputs;
import io.blindspot.coverage.recompute.application.ServerInputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads a server's current inventory, packages, jobs and listings with plain SQL. */
@ApplicationScoped
class JdbcCoverageInputs implements CoverageInputs {

  private final DataSource dataSource;
  private final ObjectMapper json;

  JdbcCoverageInputs(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public Optional<ServerInputs> load(UUID serverId) {
    try (Connection c = dataSource.getConnection()) {
      String hostname = hostname(c, serverId);
      if (hostname == null) {
        return Optional.empty();
      }
      return Optional.of(
          new ServerInputs(
              serverId,
              hostname,
              inventory(c, serverId),
              packages(c, serverId),
              jobs(c, serverId),
              listings(c, serverId),
              knowledge(c)));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the inputs of server " + serverId, e);
    }
  }

  @Override
  public Optional<PackageSet> packagesAt(UUID serverId, Instant at) {
    String sql =
        "SELECT package_set::text FROM package_snapshots WHERE server_id = ? AND taken_at <= ?"
            + " ORDER BY taken_at DESC, snapshot_id DESC LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.setTimestamp(2, Timestamp.from(at));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(packageSet(r.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read package history of " + serverId, e);
    }
  }

  private static String hostname(Connection c, UUID serverId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT hostname FROM servers WHERE server_id = ?")) {
      s.setObject(1, serverId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private Inventory inventory(Connection c, UUID serverId) throws SQLException {
    String sql =
        "SELECT i.inventory::text FROM server_reports r JOIN inventory_snapshots i"
            + " ON i.server_id = r.server_id AND i.snapshot_id = r.snapshot_id"
            + " WHERE r.server_id = ? AND r.kind = 'inventory'";
    String text = singleString(c, sql, serverId);
    return text == null ? null : InventoryJson.read(text);
  }

  private PackageSet packages(Connection c, UUID serverId) throws SQLException {
    String sql =
        "SELECT p.package_set::text FROM server_reports r JOIN package_snapshots p"
            + " ON p.server_id = r.server_id AND p.snapshot_id = r.snapshot_id"
            + " WHERE r.server_id = ? AND r.kind = 'packages'";
    String text = singleString(c, sql, serverId);
    return text == null ? null : packageSet(text);
  }

  private static PackageSet packageSet(String text) {
    try {
      return PackageSetJson.fromJson(text);
    } catch (PackageFormatException e) {
      throw new IllegalStateException(
          "a stored package set no longer parses: " + e.getMessage(), e);
    }
  }

  private List<ServerInputs.StoredJob> jobs(Connection c, UUID serverId) throws SQLException {
    String sql =
        "SELECT name, tool, descriptor::text, last_success_at, last_snapshot FROM backup_jobs"
            + " WHERE server_id = ? ORDER BY name";
    List<ServerInputs.StoredJob> jobs = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          BackupJob descriptor = null;
          String error = null;
          try {
            descriptor = json.readValue(r.getString(3), BackupJob.class);
          } catch (IOException e) {
            error = "the stored descriptor no longer parses: " + e.getMessage();
          }
          Timestamp success = r.getTimestamp(4);
          jobs.add(
              new ServerInputs.StoredJob(
                  r.getString(1),
                  r.getString(2),
                  descriptor,
                  error,
                  success == null ? null : success.toInstant(),
                  r.getString(5)));
        }
      }
    }
    return jobs;
  }

  private Map<String, SnapshotListing> listings(Connection c, UUID serverId) throws SQLException {
    String sql =
        "SELECT job_name, present_paths::text, checked_paths::text FROM backup_listings"
            + " WHERE server_id = ?";
    Map<String, SnapshotListing> listings = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Set<String> present = stringSet(r.getString(2));
          Set<String> checked = stringSet(r.getString(3));
          listings.put(r.getString(1), new CheckedListing(present, checked));
        }
      }
    }
    return listings;
  }

  private List<ServiceEntry> knowledge(Connection c) throws SQLException {
    List<ServiceEntry> entries = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT entry::text FROM service_knowledge ORDER BY id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        try {
          entries.add(json.readValue(r.getString(1), ServiceEntry.class));
        } catch (IOException e) {
          throw new UncheckedIOException("a stored knowledge entry no longer parses", e);
        }
      }
    }
    return entries;
  }

  private Set<String> stringSet(String jsonArray) {
    Set<String> set = new HashSet<>();
    readTree(jsonArray).forEach(n -> set.add(n.asText()));
    return set;
  }

  private JsonNode readTree(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String singleString(Connection c, String sql, UUID serverId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** A listing as checked on arrival: which of the then interesting paths it holds. */
  private record CheckedListing(Set<String> present, Set<String> checked)
      implements SnapshotListing {
    @Override
    public boolean knows(String path) {
      return checked.contains(path);
    }

    @Override
    public boolean contains(String path) {
      return present.contains(path);
    }
  }
}
