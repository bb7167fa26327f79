package io.blindspot.fleet.rebuild.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.fleet.rebuild.application.RebuildStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the current package set, inventory and coverage report of a server. */
@ApplicationScoped
public class RebuildRepository implements RebuildStore {

  private final EntityManager entityManager;
  private final ObjectMapper json;

  public RebuildRepository(EntityManager entityManager, ObjectMapper json) {
    this.entityManager = entityManager;
    this.json = json;
  }

  @Override
  public Optional<UUID> serverId(String hostname) {
    return first(
            entityManager
                .createNativeQuery("SELECT server_id FROM servers WHERE hostname = :hostname")
                .setParameter("hostname", hostname))
        .map(UUID.class::cast);
  }

  @Override
  public Optional<String> currentPackageSet(UUID serverId) {
    return first(
            entityManager
                .createNativeQuery(
                    """
                    SELECT ps.package_set::text
                      FROM server_reports r
                      JOIN package_snapshots ps
                        ON ps.server_id = r.server_id AND ps.snapshot_id = r.snapshot_id
                     WHERE r.server_id = :serverId AND r.kind = 'packages'
                    """)
                .setParameter("serverId", serverId))
        .map(String.class::cast);
  }

  @Override
  public Optional<String> currentInventory(UUID serverId) {
    return first(
            entityManager
                .createNativeQuery(
                    """
                    SELECT i.inventory::text
                      FROM server_reports r
                      JOIN inventory_snapshots i
                        ON i.server_id = r.server_id AND i.snapshot_id = r.snapshot_id
                     WHERE r.server_id = :serverId AND r.kind = 'inventory'
                    """)
                .setParameter("serverId", serverId))
        .map(String.class::cast);
  }

  @Override
  public Optional<CoverageDocument> currentCoverage(UUID serverId) {
    return first(
            entityManager
                .createNativeQuery(
                    """
                    SELECT r.report::text
                      FROM server_coverage sc
                      JOIN coverage_reports r
                        ON r.server_id = sc.server_id AND r.report_id = sc.report_id
                     WHERE sc.server_id = :serverId
                    """)
                .setParameter("serverId", serverId))
        .map(text -> document((String) text));
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
  private static Optional<Object> first(Query query) {
    return ((List<Object>) query.getResultList()).stream().findFirst();
  }
}
