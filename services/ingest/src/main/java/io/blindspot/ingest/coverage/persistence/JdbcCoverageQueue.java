package io.blindspot.ingest.coverage.persistence;

import io.blindspot.ingest.coverage.application.CoverageQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link CoverageQueue} on the {@code coverage_queue} table, joining the caller's transaction. The
 * upsert moves {@code enqueued_at}, which is what tells a worker holding the row that it was
 * enqueued again meanwhile and must not be deleted.
 */
@ApplicationScoped
public class JdbcCoverageQueue implements CoverageQueue {

  private static final String ENQUEUE =
      """
      INSERT INTO coverage_queue (server_id, reason) VALUES (?, ?)
      ON CONFLICT (server_id) DO UPDATE
         SET enqueued_at = clock_timestamp(), reason = excluded.reason
      """;

  private final DataSource dataSource;

  JdbcCoverageQueue(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void enqueue(UUID serverId, String reason) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(ENQUEUE)) {
      upsert.setObject(1, serverId);
      upsert.setString(2, reason);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot enqueue the coverage of server " + serverId, e);
    }
  }
}
