package io.blindspot.fleet.metrics.persistence;

import io.blindspot.fleet.metrics.application.FleetSnapshot;
import io.blindspot.fleet.metrics.application.MetricsStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** The aggregate queries behind /q/metrics. */
@ApplicationScoped
public class MetricsRepository implements MetricsStore {

  private final EntityManager entityManager;

  public MetricsRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public FleetSnapshot snapshot() {
    List<FleetSnapshot.ServerCount> servers =
        rows(
                """
                SELECT coalesce(c.readiness, 'UNEVALUATED'), coalesce(s.os_family, 'unknown'),
                       count(*)
                  FROM servers s LEFT JOIN server_coverage c ON c.server_id = s.server_id
                 GROUP BY 1, 2
                """)
            .stream()
            .map(
                row ->
                    new FleetSnapshot.ServerCount(
                        (String) row[0], (String) row[1], SqlValues.bigint(row[2])))
            .toList();
    // Every enabled policy, failing servers or not, so that alerts see a 0 rather than nothing.
    // A waiver that expired counts as a failure from that instant (the shared effective status).
    List<FleetSnapshot.PolicyFailures> failures =
        rows(
                """
                SELECT p.name, p.severity,
                       count(r.server_id) FILTER (
                         WHERE CASE WHEN r.status = 'waived' AND r.waived_until <= now()
                                    THEN 'fail' ELSE r.status END = 'fail')
                  FROM policies p
                  LEFT JOIN policy_results r ON r.policy_name = p.name
                 WHERE p.enabled
                 GROUP BY p.name, p.severity
                """)
            .stream()
            .map(
                row ->
                    new FleetSnapshot.PolicyFailures(
                        (String) row[0], (String) row[1], SqlValues.bigint(row[2])))
            .toList();
    List<FleetSnapshot.AssetCount> assets =
        rows("SELECT kind, status, count(*) FROM asset_coverage GROUP BY kind, status").stream()
            .map(
                row ->
                    new FleetSnapshot.AssetCount(
                        (String) row[0], (String) row[1], SqlValues.bigint(row[2])))
            .toList();
    List<FleetSnapshot.JobSuccess> backups =
        rows(
                """
                SELECT s.hostname, j.name, j.last_success_at
                  FROM backup_jobs j JOIN servers s ON s.server_id = j.server_id
                """)
            .stream()
            .map(
                row ->
                    new FleetSnapshot.JobSuccess(
                        (String) row[0], (String) row[1], SqlValues.instant(row[2])))
            .toList();
    List<FleetSnapshot.ServerSeen> seen =
        rows("SELECT hostname, last_seen_at FROM servers").stream()
            .map(row -> new FleetSnapshot.ServerSeen((String) row[0], SqlValues.instant(row[1])))
            .toList();
    return new FleetSnapshot(Instant.now(), servers, failures, assets, backups, seen);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql) {
    return entityManager.createNativeQuery(sql).getResultList();
  }
}
