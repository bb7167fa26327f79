package io.blindspot.fleet.backups.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.LastRun;
import io.blindspot.fleet.backups.application.BackupJobEntry;
import io.blindspot.fleet.backups.application.BackupStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Reads backup_jobs and backup_listings, which the ingest service writes. */
@ApplicationScoped
public class BackupRepository implements BackupStore {

  private static final Logger LOG = Logger.getLogger(BackupRepository.class);

  private final EntityManager entityManager;
  private final ObjectMapper json;

  public BackupRepository(EntityManager entityManager, ObjectMapper json) {
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
  public List<BackupJobEntry> jobs(UUID serverId) {
    Query query =
        entityManager
            .createNativeQuery(
                """
                SELECT j.name, j.tool, j.descriptor::text, j.schedule, j.last_started_at,
                       j.last_finished_at, j.last_status, j.last_snapshot, j.last_success_at,
                       l.content_type, l.received_at, l.entry_count, l.snapshot
                  FROM backup_jobs j
                  LEFT JOIN backup_listings l
                         ON l.server_id = j.server_id AND l.job_name = j.name
                 WHERE j.server_id = :serverId
                 ORDER BY j.name COLLATE "C"
                """)
            .setParameter("serverId", serverId);
    return objectRows(query).stream().map(this::toEntry).toList();
  }

  private BackupJobEntry toEntry(Object[] row) {
    String name = (String) row[0];
    String tool = (String) row[1];
    BackupJob descriptor = descriptor(name, (String) row[2]);
    String schedule = (String) row[3];
    if (schedule == null && descriptor != null) {
      schedule = descriptor.schedule();
    }
    // The columns are what ingest keeps of the newest run; the descriptor's own lastRun otherwise.
    LastRun lastRun =
        row[4] == null && row[5] == null && row[6] == null && row[7] == null
            ? (descriptor == null ? null : descriptor.lastRun())
            : new LastRun(
                SqlValues.instant(row[4]),
                SqlValues.instant(row[5]),
                (String) row[6],
                (String) row[7]);
    BackupJobEntry.Listing listing =
        row[9] == null
            ? null
            : new BackupJobEntry.Listing(
                (String) row[9],
                SqlValues.instant(row[10]),
                SqlValues.bigint(row[11]),
                (String) row[12]);
    return new BackupJobEntry(
        name,
        tool,
        descriptor == null ? List.of() : descriptor.command(),
        descriptor == null ? Map.of() : descriptor.files(),
        schedule,
        lastRun,
        SqlValues.instant(row[8]),
        listing);
  }

  private BackupJob descriptor(String name, String text) {
    try {
      return json.readValue(text, BackupJob.class);
    } catch (JsonProcessingException | RuntimeException e) {
      // ingest validated it on upload; a descriptor that no longer reads is shown by name only
      LOG.warnf("stored descriptor of job %s does not read back: %s", name, e.getMessage());
      return null;
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
