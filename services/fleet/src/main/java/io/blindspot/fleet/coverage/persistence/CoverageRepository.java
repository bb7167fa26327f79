package io.blindspot.fleet.coverage.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageStatus;
import io.blindspot.fleet.coverage.application.CoverageHistoryEntry;
import io.blindspot.fleet.coverage.application.CoverageStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads what the coverage service writes: server_coverage and the coverage_reports history. */
@ApplicationScoped
public class CoverageRepository implements CoverageStore {

  private final EntityManager entityManager;
  private final ObjectMapper json;

  public CoverageRepository(EntityManager entityManager, ObjectMapper json) {
    this.entityManager = entityManager;
    this.json = json;
  }

  @Override
  public Optional<UUID> serverId(String hostname) {
    Query query =
        entityManager
            .createNativeQuery("SELECT server_id FROM servers WHERE hostname = :hostname")
            .setParameter("hostname", hostname);
    return rows(query).stream().findFirst().map(UUID.class::cast);
  }

  @Override
  public Optional<StoredCoverage> current(UUID serverId) {
    Query query =
        entityManager
            .createNativeQuery(
                """
                SELECT sc.report_id, sc.evaluated_at, r.report::text
                  FROM server_coverage sc
                  JOIN coverage_reports r
                    ON r.server_id = sc.server_id AND r.report_id = sc.report_id
                 WHERE sc.server_id = :serverId
                """)
            .setParameter("serverId", serverId);
    return objectRows(query).stream()
        .findFirst()
        .map(
            row ->
                new StoredCoverage(
                    SqlValues.bigint(row[0]),
                    SqlValues.instant(row[1]),
                    document((String) row[2])));
  }

  @Override
  public List<CoverageHistoryEntry> history(UUID serverId, Long beforeReportId, int limit) {
    String sql =
        """
        SELECT r.report_id, r.evaluated_at, r.readiness, r.score,
               (SELECT coalesce(jsonb_object_agg(a.status, a.n), '{}'::jsonb)::text
                  FROM (SELECT asset ->> 'status' AS status, count(*) AS n
                          FROM jsonb_array_elements(coalesce(r.report -> 'assets', '[]'::jsonb))
                               AS asset
                         GROUP BY 1) a),
               sc.report_id IS NOT NULL
          FROM coverage_reports r
          LEFT JOIN server_coverage sc
                 ON sc.server_id = r.server_id AND sc.report_id = r.report_id
         WHERE r.server_id = :serverId
        """
            + (beforeReportId == null ? "" : " AND r.report_id < :before")
            + " ORDER BY r.report_id DESC LIMIT :limit";
    Query query =
        entityManager
            .createNativeQuery(sql)
            .setParameter("serverId", serverId)
            .setParameter("limit", limit);
    if (beforeReportId != null) {
      query.setParameter("before", beforeReportId);
    }
    return objectRows(query).stream()
        .map(
            row ->
                new CoverageHistoryEntry(
                    SqlValues.bigint(row[0]),
                    SqlValues.instant(row[1]),
                    (String) row[2],
                    SqlValues.integer(row[3]),
                    counts(SqlValues.object(row[4])),
                    Boolean.TRUE.equals(row[5])))
        .toList();
  }

  /** Every status, in the order of {@link CoverageStatus}, with zero for those absent. */
  private static Map<String, Long> counts(Map<String, Object> byStatus) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (CoverageStatus status : CoverageStatus.values()) {
      counts.put(status.id(), 0L);
    }
    if (byStatus != null) {
      byStatus.forEach(
          (status, n) -> {
            if (status != null) {
              counts.put(status, ((Number) n).longValue());
            }
          });
    }
    return counts;
  }

  private CoverageDocument document(String text) {
    try {
      return json.readValue(text, CoverageDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored coverage report does not read back: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> rows(Query query) {
    return query.getResultList();
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> objectRows(Query query) {
    return query.getResultList();
  }
}
