package io.blindspot.fleet.policies.persistence;

import io.blindspot.fleet.policies.application.PolicyQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Table policy_queue: one row per server, taken with FOR UPDATE SKIP LOCKED. */
@ApplicationScoped
public class PolicyQueueRepository implements PolicyQueue {

  private final Jdbc jdbc;

  public PolicyQueueRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public int enqueueAll(String reason) {
    // DO UPDATE rather than DO NOTHING: a row a worker holds is then waited for and queued again
    // after it, instead of being left to the worker, which read the policies before this change
    return jdbc.update(
        "INSERT INTO policy_queue (server_id, reason) SELECT server_id, ? FROM servers"
            + " ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp(),"
            + " reason = excluded.reason",
        reason);
  }

  @Override
  public int enqueueExpiredWaivers() {
    return jdbc.update(
        """
        INSERT INTO policy_queue (server_id, reason)
        SELECT DISTINCT server_id, 'a waiver expired' FROM policy_results
         WHERE status = 'waived' AND waived_until <= now()
        ON CONFLICT (server_id) DO NOTHING
        """);
  }

  @Override
  public Optional<Claim> claim() {
    return jdbc
        .query(
            "SELECT server_id, enqueued_at FROM policy_queue WHERE not_before <= clock_timestamp()"
                + " ORDER BY not_before, enqueued_at LIMIT 1 FOR UPDATE SKIP LOCKED",
            r -> new Claim(r.getObject("server_id", UUID.class), Jdbc.instant(r, "enqueued_at")))
        .stream()
        .findFirst();
  }

  @Override
  public void complete(Claim claim) {
    // a producer that queued the server again meanwhile bumped enqueued_at: keep that row
    jdbc.update(
        "DELETE FROM policy_queue WHERE server_id = ? AND enqueued_at = ?",
        claim.serverId(),
        claim.enqueuedAt());
  }

  @Override
  public void retryLater(UUID serverId, Duration baseDelay, String error) {
    jdbc.update(
        "UPDATE policy_queue SET attempts = attempts + 1, last_error = ?,"
            + " not_before = clock_timestamp() + (? * power(2, least(attempts, 10)))"
            + " * interval '1 millisecond' WHERE server_id = ?",
        error,
        baseDelay.toMillis(),
        serverId);
  }
}
