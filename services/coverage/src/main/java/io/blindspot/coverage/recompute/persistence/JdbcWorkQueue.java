package io.blindspot.coverage.recompute.persistence;

import io.blindspot.coverage.recompute.application.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The coverage work queue: one row per server, taken with FOR UPDATE SKIP LOCKED. */
@ApplicationScoped
class JdbcWorkQueue implements WorkQueue {

  private final DataSource dataSource;

  JdbcWorkQueue(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<UUID> claim() {
    String sql =
        "SELECT server_id FROM coverage_queue WHERE not_before <= clock_timestamp()"
            + " ORDER BY not_before, enqueued_at LIMIT 1 FOR UPDATE SKIP LOCKED";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the coverage queue", e);
    }
  }

  @Override
  public void complete(UUID serverId) {
    update("DELETE FROM coverage_queue WHERE server_id = ?", serverId);
  }

  @Override
  public void retryLater(UUID serverId, Duration baseDelay, String error) {
    String sql =
        "UPDATE coverage_queue SET attempts = attempts + 1, last_error = ?,"
            + " not_before = clock_timestamp() + (? * power(2, least(attempts, 10))) * interval '1"
            + " millisecond' WHERE server_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, error);
      s.setLong(2, baseDelay.toMillis());
      s.setObject(3, serverId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reschedule " + serverId, e);
    }
  }

  @Override
  public void enqueue(UUID serverId, String reason) {
    String sql =
        "INSERT INTO coverage_queue (server_id, reason) VALUES (?, ?) ON CONFLICT (server_id) DO"
            + " UPDATE SET enqueued_at = clock_timestamp(), reason = excluded.reason";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.setString(2, reason);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot enqueue " + serverId, e);
    }
  }

  @Override
  public int enqueueAll(String reason) {
    String sql =
        "INSERT INTO coverage_queue (server_id, reason) SELECT server_id, ? FROM servers"
            + " ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp()";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, reason);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot enqueue the fleet", e);
    }
  }

  @Override
  public int enqueueAgedOut(Duration maxAge) {
    String sql =
        "INSERT INTO coverage_queue (server_id, reason)"
            + " SELECT DISTINCT j.server_id, 'a backup aged past the maximum age' FROM backup_jobs j"
            + " JOIN server_coverage c ON c.server_id = j.server_id"
            + " WHERE j.last_success_at + ? * interval '1 second'"
            + "   BETWEEN c.evaluated_at AND clock_timestamp()"
            + " ON CONFLICT (server_id) DO NOTHING";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, maxAge.toSeconds());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot enqueue aged-out servers", e);
    }
  }

  private void update(String sql, UUID serverId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("coverage queue update failed for " + serverId, e);
    }
  }
}
