package io.blindspot.fleet.packages.persistence;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.fleet.packages.application.InstallationKey;
import io.blindspot.fleet.packages.application.PackageInstallation;
import io.blindspot.fleet.packages.application.PackageQuery;
import io.blindspot.fleet.packages.application.PackageSnapshotEntry;
import io.blindspot.fleet.packages.application.PackageStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what the ingest service wrote: package snapshots and installed packages. Native SQL
 * throughout, since everything here is a read of jsonb or a keyset scan, not an object graph.
 */
@ApplicationScoped
public class PackageRepository implements PackageStore {

  private final EntityManager entityManager;

  public PackageRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
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
  public Optional<String> currentPackageSet(UUID serverId) {
    Query query =
        entityManager
            .createNativeQuery(
                """
                SELECT ps.package_set::text
                  FROM server_reports r
                  JOIN package_snapshots ps
                    ON ps.server_id = r.server_id AND ps.snapshot_id = r.snapshot_id
                 WHERE r.server_id = :serverId AND r.kind = 'packages'
                """)
            .setParameter("serverId", serverId);
    return rows(query).stream().findFirst().map(String.class::cast);
  }

  @Override
  public List<PackageSnapshotEntry> history(UUID serverId, Long beforeSnapshotId, int limit) {
    String sql =
        """
        SELECT snapshot_id, taken_at, manager, package_count, diff::text
          FROM package_snapshots
         WHERE server_id = :serverId
        """
            + (beforeSnapshotId == null ? "" : " AND snapshot_id < :before")
            + " ORDER BY snapshot_id DESC LIMIT :limit";
    Query query =
        entityManager
            .createNativeQuery(sql)
            .setParameter("serverId", serverId)
            .setParameter("limit", limit);
    if (beforeSnapshotId != null) {
      query.setParameter("before", beforeSnapshotId);
    }
    return objectRows(query).stream()
        .map(
            row ->
                new PackageSnapshotEntry(
                    SqlValues.bigint(row[0]),
                    SqlValues.instant(row[1]),
                    (String) row[2],
                    SqlValues.integer(row[3]),
                    SqlValues.object(row[4])))
        .toList();
  }

  @Override
  public List<PackageInstallation> installations(
      PackageQuery packageQuery, InstallationKey after, int limit) {
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT s.hostname, p.server_id, p.package_key, p.manager, p.name, p.category,
                   p.version, p.slot, p.arch
              FROM installed_packages p
              JOIN servers s ON s.server_id = p.server_id
             WHERE p.name = :name
            """);
    if (packageQuery.category() != null) {
      sql.append(" AND p.category = :category");
    }
    if (packageQuery.manager() != null) {
      sql.append(" AND p.manager = :manager");
    }
    if (after != null) {
      // The plain `>=` lets the hostname index seek to the cursor; the row comparison alone would
      // make a generic plan walk every earlier server on each page.
      sql.append(" AND s.hostname COLLATE \"C\" >= :afterHostname");
      sql.append(
          " AND (s.hostname COLLATE \"C\", p.package_key COLLATE \"C\", p.version COLLATE \"C\")"
              + " > (:afterHostname, :afterKey, :afterVersion)");
    }
    // Byte order whatever the database locale, as for the server listing (see V3_1).
    sql.append(
        " ORDER BY s.hostname COLLATE \"C\", p.package_key COLLATE \"C\", p.version COLLATE \"C\""
            + " LIMIT :limit");
    Query query =
        entityManager
            .createNativeQuery(sql.toString())
            .setParameter("name", packageQuery.name())
            .setParameter("limit", limit);
    if (packageQuery.category() != null) {
      query.setParameter("category", packageQuery.category());
    }
    if (packageQuery.manager() != null) {
      query.setParameter("manager", packageQuery.manager().id());
    }
    if (after != null) {
      query.setParameter("afterHostname", after.hostname());
      query.setParameter("afterKey", after.packageKey());
      query.setParameter("afterVersion", after.version());
    }
    return objectRows(query).stream()
        .map(
            row ->
                new PackageInstallation(
                    (String) row[0],
                    (UUID) row[1],
                    (String) row[2],
                    PackageManager.fromId((String) row[3]),
                    (String) row[4],
                    (String) row[5],
                    (String) row[6],
                    (String) row[7],
                    (String) row[8]))
        .toList();
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
