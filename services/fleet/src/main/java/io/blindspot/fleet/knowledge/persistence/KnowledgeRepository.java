package io.blindspot.fleet.knowledge.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.world.ServiceEntry;
import io.blindspot.fleet.knowledge.application.KnowledgeStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;

/**
 * service_knowledge (operator entries, read by the coverage service) and the coverage work queue.
 */
@ApplicationScoped
public class KnowledgeRepository implements KnowledgeStore {

  private final EntityManager entityManager;
  private final ObjectMapper json;

  public KnowledgeRepository(EntityManager entityManager, ObjectMapper json) {
    this.entityManager = entityManager;
    this.json = json;
  }

  @Override
  public List<StoredEntry> operatorEntries() {
    Query query =
        entityManager.createNativeQuery(
            "SELECT entry::text, updated_at FROM service_knowledge ORDER BY id COLLATE \"C\"");
    return objectRows(query).stream().map(this::toStored).toList();
  }

  @Override
  public Optional<StoredEntry> operatorEntry(String id) {
    Query query =
        entityManager
            .createNativeQuery(
                "SELECT entry::text, updated_at FROM service_knowledge WHERE id = :id")
            .setParameter("id", id);
    return objectRows(query).stream().findFirst().map(this::toStored);
  }

  @Override
  public boolean save(ServiceEntry entry) {
    // xmax = 0 only on a row this statement inserted: tells a create from a replace in one trip.
    Object inserted =
        entityManager
            .createNativeQuery(
                """
                INSERT INTO service_knowledge (id, entry, updated_at)
                VALUES (:id, cast(:entry as jsonb), clock_timestamp())
                ON CONFLICT (id) DO UPDATE
                   SET entry = excluded.entry, updated_at = excluded.updated_at
                RETURNING (xmax = 0)
                """)
            .setParameter("id", entry.id())
            .setParameter("entry", write(entry))
            .getSingleResult();
    return Boolean.TRUE.equals(inserted);
  }

  @Override
  public boolean delete(String id) {
    return entityManager
            .createNativeQuery("DELETE FROM service_knowledge WHERE id = :id")
            .setParameter("id", id)
            .executeUpdate()
        > 0;
  }

  @Override
  public int enqueueAllServers(String reason) {
    return entityManager
        .createNativeQuery(
            """
            INSERT INTO coverage_queue (server_id, reason)
            SELECT server_id, :reason FROM servers
            ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp()
            """)
        .setParameter("reason", reason)
        .executeUpdate();
  }

  private StoredEntry toStored(Object[] row) {
    try {
      return new StoredEntry(
          json.readValue((String) row[0], ServiceEntry.class), SqlValues.instant(row[1]));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored service knowledge entry does not read back: " + e.getMessage(), e);
    }
  }

  private String write(ServiceEntry entry) {
    try {
      return json.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> objectRows(Query query) {
    return query.getResultList();
  }
}
