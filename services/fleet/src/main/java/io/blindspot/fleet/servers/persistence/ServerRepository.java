package io.blindspot.fleet.servers.persistence;

import io.blindspot.fleet.servers.application.Os;
import io.blindspot.fleet.servers.application.Report;
import io.blindspot.fleet.servers.application.ScoreKey;
import io.blindspot.fleet.servers.application.Server;
import io.blindspot.fleet.servers.application.ServerFilter;
import io.blindspot.fleet.servers.application.ServerStore;
import io.blindspot.fleet.sql.SqlValues;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

@ApplicationScoped
public class ServerRepository implements PanacheRepositoryBase<ServerEntity, UUID>, ServerStore {

  // The package columns come from the current package snapshot, through server_reports; readiness
  // and score from the current coverage (written by the coverage service).
  private static final String SELECT_SERVERS =
      """
      SELECT s.server_id, s.hostname, s.os_id, s.os_family, s.os_name, s.os_version_id,
             s.kernel, s.architecture, (s.agent_labels || s.labels)::text, s.labels::text,
             s.agent_labels::text, s.last_seen_at, s.enrolled_at, ps.manager, ps.package_count,
             sc.readiness, sc.score
        FROM servers s
        LEFT JOIN server_reports r ON r.server_id = s.server_id AND r.kind = 'packages'
        LEFT JOIN package_snapshots ps
               ON ps.server_id = r.server_id AND ps.snapshot_id = r.snapshot_id
        LEFT JOIN server_coverage sc ON sc.server_id = s.server_id
      """;

  @Override
  public List<Server> find(ServerFilter filter, String afterHostname, int limit) {
    StringBuilder sql = new StringBuilder(SELECT_SERVERS).append(" WHERE true");
    Map<String, Object> parameters = new HashMap<>();
    where(filter, sql, parameters);
    if (afterHostname != null) {
      sql.append(" AND s.hostname COLLATE \"C\" > :afterHostname");
      parameters.put("afterHostname", afterHostname);
    }
    // Byte order whatever the database locale: stable pages everywhere (see V3_1).
    sql.append(" ORDER BY s.hostname COLLATE \"C\" LIMIT :limit");
    parameters.put("limit", limit);
    Query query = getEntityManager().createNativeQuery(sql.toString());
    parameters.forEach(query::setParameter);
    return rows(query).stream().map(ServerRepository::toServer).toList();
  }

  @Override
  public List<Server> findByScore(ServerFilter filter, ScoreKey after, int limit) {
    StringBuilder sql = new StringBuilder(SELECT_SERVERS).append(" WHERE true");
    Map<String, Object> parameters = new HashMap<>();
    where(filter, sql, parameters);
    if (after != null && after.score() != null) {
      // (score, hostname) after the cursor; servers without a score come after every scored one.
      sql.append(
          " AND (sc.score IS NULL OR sc.score > :afterScore"
              + " OR (sc.score = :afterScore AND s.hostname COLLATE \"C\" > :afterHostname))");
      parameters.put("afterScore", after.score());
      parameters.put("afterHostname", after.hostname());
    } else if (after != null) {
      sql.append(" AND sc.score IS NULL AND s.hostname COLLATE \"C\" > :afterHostname");
      parameters.put("afterHostname", after.hostname());
    }
    sql.append(" ORDER BY sc.score ASC NULLS LAST, s.hostname COLLATE \"C\" LIMIT :limit");
    parameters.put("limit", limit);
    Query query = getEntityManager().createNativeQuery(sql.toString());
    parameters.forEach(query::setParameter);
    return rows(query).stream().map(ServerRepository::toServer).toList();
  }

  /** Appends the filter's conditions (all must hold) after a WHERE. */
  private static void where(
      ServerFilter filter, StringBuilder sql, Map<String, Object> parameters) {
    if (!filter.labels().isEmpty()) {
      // The effective labels, as shown: the operator's override the agent's (see V2_1). Merging
      // costs the GIN indexes, which a fleet's few thousand rows do not miss.
      sql.append(" AND (s.agent_labels || s.labels) @> cast(:labels as jsonb)");
      parameters.put("labels", SqlValues.json(new TreeMap<>(filter.labels())));
    }
    if (filter.os() != null) {
      sql.append(" AND (s.os_family = :os OR s.os_id = :os)");
      parameters.put("os", filter.os());
    }
    if (filter.seenBefore() != null) {
      sql.append(" AND s.last_seen_at < :seenBefore");
      parameters.put("seenBefore", filter.seenBefore());
    }
    if (filter.seenAfter() != null) {
      sql.append(" AND s.last_seen_at > :seenAfter");
      parameters.put("seenAfter", filter.seenAfter());
    }
    if (filter.notSeenSince() != null) {
      sql.append(" AND (s.last_seen_at IS NULL OR s.last_seen_at < :notSeenSince)");
      parameters.put("notSeenSince", filter.notSeenSince());
    }
    if (filter.hostnamePrefix() != null) {
      sql.append(" AND s.hostname COLLATE \"C\" LIKE :hostnamePrefix");
      parameters.put("hostnamePrefix", SqlValues.likePrefix(filter.hostnamePrefix()));
    }
    if (!filter.readiness().isEmpty()) {
      sql.append(" AND sc.readiness IN (:readiness)");
      parameters.put("readiness", List.copyOf(filter.readiness()));
    }
  }

  @Override
  public Optional<Server> byHostname(String hostname) {
    Query query =
        getEntityManager()
            .createNativeQuery(SELECT_SERVERS + " WHERE s.hostname = :hostname")
            .setParameter("hostname", hostname);
    return rows(query).stream().findFirst().map(ServerRepository::toServer);
  }

  @Override
  public Map<String, Report> reports(UUID serverId) {
    Query query =
        getEntityManager()
            .createNativeQuery(
                "SELECT kind, updated_at, last_seen_at, snapshot_id FROM server_reports"
                    + " WHERE server_id = :serverId ORDER BY kind")
            .setParameter("serverId", serverId);
    Map<String, Report> reports = new LinkedHashMap<>();
    for (Object[] row : rows(query)) {
      reports.put(
          (String) row[0],
          new Report(
              SqlValues.instant(row[1]), SqlValues.instant(row[2]), SqlValues.bigint(row[3])));
    }
    return reports;
  }

  @Override
  public InventoryFacts inventoryFacts(UUID serverId) {
    Query query =
        getEntityManager()
            .createNativeQuery(
                """
                SELECT (i.inventory -> 'mounts')::text, (i.inventory -> 'services')::text
                  FROM server_reports r
                  JOIN inventory_snapshots i
                    ON i.server_id = r.server_id AND i.snapshot_id = r.snapshot_id
                 WHERE r.server_id = :serverId AND r.kind = 'inventory'
                """)
            .setParameter("serverId", serverId);
    return rows(query).stream()
        .findFirst()
        .map(row -> new InventoryFacts(SqlValues.list(row[0]), SqlValues.list(row[1])))
        .orElse(new InventoryFacts(List.of(), List.of()));
  }

  @Override
  public Optional<Map<String, String>> lockLabels(String hostname) {
    return find("hostname", hostname)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional()
        .map(server -> server.labels == null ? Map.of() : server.labels);
  }

  @Override
  public void replaceLabels(String hostname, Map<String, String> labels) {
    ServerEntity server = find("hostname", hostname).firstResult();
    server.labels = new TreeMap<>(labels);
    getEntityManager().flush();
  }

  @Override
  public boolean delete(String hostname) {
    return delete("hostname", hostname) > 0;
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query query) {
    return query.getResultList();
  }

  private static Server toServer(Object[] row) {
    return new Server(
        (UUID) row[0],
        (String) row[1],
        new Os((String) row[2], (String) row[3], (String) row[4], (String) row[5]),
        (String) row[6],
        (String) row[7],
        SqlValues.stringMap(row[8]),
        SqlValues.stringMap(row[9]),
        SqlValues.stringMap(row[10]),
        SqlValues.instant(row[11]),
        SqlValues.instant(row[12]),
        (String) row[13],
        SqlValues.integer(row[14]),
        (String) row[15],
        SqlValues.integer(row[16]));
  }
}
