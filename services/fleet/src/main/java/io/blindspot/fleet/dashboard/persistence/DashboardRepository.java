package io.blindspot.fleet.dashboard.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.fleet.dashboard.application.DashboardStore;
import io.blindspot.fleet.dashboard.application.Finding;
import io.blindspot.fleet.dashboard.application.FindingFilter;
import io.blindspot.fleet.dashboard.application.Overview;
import io.blindspot.fleet.dashboard.application.PolicySummary;
import io.blindspot.fleet.dashboard.application.ServerPage;
import io.blindspot.fleet.dashboard.application.Statuses;
import io.blindspot.fleet.dashboard.application.WaiverEntry;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The dashboard's SQL, reading the tables the other services write (servers, server_coverage,
 * coverage_reports, asset_coverage, backup_jobs, policies, waivers, policy_results, findings).
 */
@ApplicationScoped
public class DashboardRepository implements DashboardStore {

  /** The effective status rule every reader applies: an expired waiver is a failure. */
  static final String EFFECTIVE_STATUS =
      "CASE WHEN %1$s.status = 'waived' AND %1$s.waived_until <= now() THEN 'fail'"
          + " ELSE %1$s.status END";

  /** Status rank, worst first, as {@link Statuses#WORST_FIRST}. */
  private static final String STATUS_RANK;

  static {
    StringBuilder rank = new StringBuilder("CASE a.status");
    for (int i = 0; i < Statuses.WORST_FIRST.size(); i++) {
      rank.append(" WHEN '").append(Statuses.WORST_FIRST.get(i)).append("' THEN ").append(i);
    }
    STATUS_RANK =
        rank.append(" ELSE ").append(Statuses.WORST_FIRST.size()).append(" END").toString();
  }

  private static final String SEVERITY_RANK =
      "CASE %s WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

  private final EntityManager entityManager;
  private final ObjectMapper json;

  public DashboardRepository(EntityManager entityManager, ObjectMapper json) {
    this.entityManager = entityManager;
    this.json = json;
  }

  @Override
  public List<Overview.ReadinessCount> readinessCounts() {
    return rows(
            entityManager.createNativeQuery(
                """
                SELECT coalesce(sc.readiness, 'NOT_EVALUATED'), count(*)
                  FROM servers s
                  LEFT JOIN server_coverage sc ON sc.server_id = s.server_id
                 GROUP BY 1
                """))
        .stream()
        .map(row -> new Overview.ReadinessCount((String) row[0], SqlValues.bigint(row[1])))
        .toList();
  }

  @Override
  public long serverCount(String hostPrefix) {
    Query query =
        entityManager.createNativeQuery(
            "SELECT count(*) FROM servers s"
                + (hostPrefix == null ? "" : " WHERE s.hostname COLLATE \"C\" LIKE :prefix"));
    if (hostPrefix != null) {
      query.setParameter("prefix", likePrefix(hostPrefix));
    }
    return SqlValues.bigint(query.getSingleResult());
  }

  @Override
  public List<Overview.HeatRow> heatMap(
      List<String> kinds, String hostPrefix, int offset, int limit) {
    String sql =
        """
        WITH page AS (
          SELECT s.server_id, s.hostname, sc.readiness, sc.score,
                 row_number() OVER (
                   ORDER BY CASE sc.readiness WHEN 'NOT_RESTORABLE' THEN 0 WHEN 'AT_RISK' THEN 1
                                              WHEN 'READY' THEN 3 ELSE 2 END,
                            sc.score NULLS FIRST, s.hostname COLLATE "C") AS position
            FROM servers s
            LEFT JOIN server_coverage sc ON sc.server_id = s.server_id
           %s
           ORDER BY position
           LIMIT :limit OFFSET :offset)
        SELECT p.hostname, p.readiness, p.score, a.kind, min(%s), count(a.path),
               count(a.path) FILTER (WHERE a.status NOT IN ('covered', 'verified'))
          FROM page p
          LEFT JOIN asset_coverage a ON a.server_id = p.server_id
         GROUP BY p.position, p.hostname, p.readiness, p.score, a.kind
         ORDER BY p.position
        """
            .formatted(
                hostPrefix == null ? "" : "WHERE s.hostname COLLATE \"C\" LIKE :prefix",
                STATUS_RANK);
    Query query =
        entityManager
            .createNativeQuery(sql)
            .setParameter("limit", limit)
            .setParameter("offset", offset);
    if (hostPrefix != null) {
      query.setParameter("prefix", likePrefix(hostPrefix));
    }
    Map<String, Object[]> servers = new LinkedHashMap<>();
    Map<String, Map<String, Overview.HeatCell>> cells = new HashMap<>();
    for (Object[] row : rows(query)) {
      String hostname = (String) row[0];
      servers.putIfAbsent(hostname, row);
      String kind = (String) row[3];
      if (kind != null) {
        int rank = SqlValues.integer(row[4]);
        String status = rank < Statuses.WORST_FIRST.size() ? Statuses.WORST_FIRST.get(rank) : null;
        cells
            .computeIfAbsent(hostname, h -> new HashMap<>())
            .put(
                kind,
                new Overview.HeatCell(
                    kind, status, SqlValues.bigint(row[5]), SqlValues.bigint(row[6])));
      }
    }
    List<Overview.HeatRow> heat = new ArrayList<>();
    servers.forEach(
        (hostname, row) -> {
          Map<String, Overview.HeatCell> byKind = cells.getOrDefault(hostname, Map.of());
          heat.add(
              new Overview.HeatRow(
                  hostname,
                  (String) row[1],
                  SqlValues.integer(row[2]),
                  kinds.stream()
                      .map(k -> byKind.getOrDefault(k, new Overview.HeatCell(k, null, 0, 0)))
                      .toList()));
        });
    return heat;
  }

  @Override
  public List<Overview.BlindSpot> blindSpots(int limit) {
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT path, kind, count(*) AS servers
                      FROM asset_coverage
                     WHERE status = 'uncovered'
                     GROUP BY path, kind
                     ORDER BY servers DESC, path COLLATE "C", kind
                     LIMIT :limit
                    """)
                .setParameter("limit", limit))
        .stream()
        .map(
            row ->
                new Overview.BlindSpot((String) row[0], (String) row[1], SqlValues.bigint(row[2])))
        .toList();
  }

  @Override
  public List<Overview.StaleJob> staleJobs(Instant cutoff, int limit) {
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT s.hostname, j.name, j.tool, j.last_success_at, j.last_status
                      FROM backup_jobs j
                      JOIN servers s ON s.server_id = j.server_id
                     WHERE j.last_success_at IS NULL OR j.last_success_at < :cutoff
                     ORDER BY j.last_success_at NULLS FIRST, s.hostname COLLATE "C", j.name
                     LIMIT :limit
                    """)
                .setParameter("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .setParameter("limit", limit))
        .stream()
        .map(
            row ->
                new Overview.StaleJob(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    SqlValues.instant(row[3]),
                    (String) row[4]))
        .toList();
  }

  @Override
  public long staleJobCount(Instant cutoff) {
    return SqlValues.bigint(
        entityManager
            .createNativeQuery(
                "SELECT count(*) FROM backup_jobs j"
                    + " WHERE j.last_success_at IS NULL OR j.last_success_at < :cutoff")
            .setParameter("cutoff", cutoff.atOffset(ZoneOffset.UTC))
            .getSingleResult());
  }

  @Override
  public Optional<ServerRecord> server(String hostname) {
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT s.server_id, s.hostname,
                           concat_ws(' ', coalesce(s.os_name, s.os_id), s.os_version_id),
                           concat_ws(' ', s.kernel, s.architecture),
                           (s.agent_labels || s.labels)::text, s.last_seen_at,
                           sc.readiness, sc.score, sc.evaluated_at
                      FROM servers s
                      LEFT JOIN server_coverage sc ON sc.server_id = s.server_id
                     WHERE s.hostname = :hostname
                    """)
                .setParameter("hostname", hostname))
        .stream()
        .findFirst()
        .map(
            row ->
                new ServerRecord(
                    (UUID) row[0],
                    new ServerPage.Facts(
                        (String) row[1],
                        blankToNull((String) row[2]),
                        blankToNull((String) row[3]),
                        SqlValues.stringMap(row[4]),
                        SqlValues.instant(row[5]),
                        (String) row[6],
                        SqlValues.integer(row[7]),
                        SqlValues.instant(row[8]))));
  }

  @Override
  public Optional<CoverageDocument> coverage(UUID serverId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT r.report::text
                  FROM server_coverage sc
                  JOIN coverage_reports r
                    ON r.server_id = sc.server_id AND r.report_id = sc.report_id
                 WHERE sc.server_id = :serverId
                """)
            .setParameter("serverId", serverId)
            .getResultList();
    return rows.stream().findFirst().map(text -> document((String) text));
  }

  @Override
  public List<JobRecord> jobs(UUID serverId) {
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT name, tool, schedule, last_status, last_success_at, last_finished_at,
                           last_snapshot
                      FROM backup_jobs
                     WHERE server_id = :serverId
                     ORDER BY name
                    """)
                .setParameter("serverId", serverId))
        .stream()
        .map(
            row ->
                new JobRecord(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    SqlValues.instant(row[4]),
                    SqlValues.instant(row[5]),
                    (String) row[6]))
        .toList();
  }

  @Override
  public List<ServerPage.PolicyResult> policyResults(UUID serverId) {
    String status = EFFECTIVE_STATUS.formatted("r");
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT r.policy_name, %1$s, r.severity, r.waived_until, r.evaluated_at,
                           r.evidence::text
                      FROM policy_results r
                     WHERE r.server_id = :serverId
                     ORDER BY CASE %1$s WHEN 'fail' THEN 0 WHEN 'waived' THEN 1 WHEN 'pass' THEN 2
                                        ELSE 3 END,
                              %2$s, r.policy_name
                    """
                        .formatted(status, SEVERITY_RANK.formatted("r.severity")))
                .setParameter("serverId", serverId))
        .stream()
        .map(
            row ->
                new ServerPage.PolicyResult(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    SqlValues.instant(row[3]),
                    SqlValues.instant(row[4]),
                    pretty((String) row[5])))
        .toList();
  }

  @Override
  public List<Finding> findings(FindingFilter filter, int offset, int limit) {
    String status = EFFECTIVE_STATUS.formatted("f");
    StringBuilder where = new StringBuilder(" WHERE true");
    Map<String, Object> parameters = new HashMap<>();
    if (filter.serverId() != null) {
      where.append(" AND f.server_id = :serverId");
      parameters.put("serverId", filter.serverId());
    }
    if (present(filter.policy())) {
      where.append(" AND f.policy_name = :policy");
      parameters.put("policy", filter.policy());
    }
    if (present(filter.severity())) {
      where.append(" AND f.severity = :severity");
      parameters.put("severity", filter.severity());
    }
    if (present(filter.status())) {
      where.append(" AND ").append(status).append(" = :status");
      parameters.put("status", filter.status());
    }
    if (present(filter.pathPrefix())) {
      where.append(" AND f.path LIKE :path");
      parameters.put("path", likePrefix(filter.pathPrefix()));
    }
    if (present(filter.hostPrefix())) {
      where.append(" AND s.hostname COLLATE \"C\" LIKE :host");
      parameters.put("host", likePrefix(filter.hostPrefix()));
    }
    Query query =
        entityManager
            .createNativeQuery(
                // The page is sorted on its keys alone (hostname order needs every matching
                // finding: 23,000 on a 10,000-server fleet), then only its rows are read whole:
                // 9 ms instead of 220 ms when the sort carried the evidence.
                """
                SELECT s.hostname, f.policy_name, f.requirement, f.path, f.severity, %s,
                       f.waived_until, f.asset_kind, f.asset_status, f.job, f.message,
                       f.evidence::text, f.first_seen,
                       EXISTS (SELECT 1 FROM asset_coverage a
                                WHERE a.server_id = f.server_id AND a.path = f.path
                                  AND a.status NOT IN ('covered', 'verified'))
                  FROM (SELECT f.server_id, f.policy_name, f.requirement, f.path,
                               f.severity_rank, s.hostname
                          FROM findings f
                          JOIN servers s ON s.server_id = f.server_id
                """
                        .formatted(status)
                    + where
                    + """
                         ORDER BY f.severity_rank, f.policy_name, s.hostname COLLATE "C",
                                  f.requirement, f.path
                         LIMIT :limit OFFSET :offset) k
                  JOIN findings f ON (f.server_id, f.policy_name, f.requirement, f.path)
                                   = (k.server_id, k.policy_name, k.requirement, k.path)
                  JOIN servers s ON s.server_id = f.server_id
                 ORDER BY k.severity_rank, k.policy_name, k.hostname COLLATE "C", k.requirement,
                          k.path
                      """)
            .setParameter("limit", limit)
            .setParameter("offset", offset);
    parameters.forEach(query::setParameter);
    return rows(query).stream()
        .map(
            row ->
                new Finding(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    SqlValues.instant(row[6]),
                    (String) row[7],
                    (String) row[8],
                    (String) row[9],
                    (String) row[10],
                    rule(tree((String) row[11]).path("rule")),
                    fix(tree((String) row[11])),
                    pretty((String) row[11]),
                    SqlValues.instant(row[12]),
                    // only gaps have a section on the server page to point at
                    Boolean.TRUE.equals(row[13]) ? Statuses.anchor((String) row[3]) : null))
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> policyNames() {
    return entityManager
        .createNativeQuery("SELECT name FROM policies ORDER BY name")
        .getResultList();
  }

  @Override
  public List<PolicySummary> policies() {
    String status = EFFECTIVE_STATUS.formatted("r");
    return rows(
            entityManager.createNativeQuery(
                """
                SELECT p.name, p.description, p.severity, p.enabled, p.baseline, p.revision,
                       p.updated_at, p.document::text,
                       count(r.server_id) FILTER (WHERE %1$s = 'pass'),
                       count(r.server_id) FILTER (WHERE %1$s = 'fail'),
                       count(r.server_id) FILTER (WHERE %1$s = 'waived'),
                       count(r.server_id) FILTER (WHERE %1$s = 'not-applicable')
                  FROM policies p
                  LEFT JOIN policy_results r ON r.policy_name = p.name
                 GROUP BY p.name
                 ORDER BY %2$s, p.name
                """
                    .formatted(status, SEVERITY_RANK.formatted("p.severity"))))
        .stream()
        .map(this::policy)
        .toList();
  }

  private PolicySummary policy(Object[] row) {
    JsonNode document = tree((String) row[7]);
    List<String> requirements = new ArrayList<>();
    JsonNode list = document.path("requirements");
    if (list.isArray()) {
      list.forEach(r -> requirements.add(r.toString()));
    }
    JsonNode selector = document.path("selector");
    return new PolicySummary(
        (String) row[0],
        (String) row[1],
        (String) row[2],
        Boolean.TRUE.equals(row[3]),
        Boolean.TRUE.equals(row[4]),
        SqlValues.integer(row[5]),
        SqlValues.instant(row[6]),
        selector.isMissingNode() || selector.isNull() ? "{}" : selector.toString(),
        requirements,
        SqlValues.bigint(row[8]),
        SqlValues.bigint(row[9]),
        SqlValues.bigint(row[10]),
        SqlValues.bigint(row[11]));
  }

  @Override
  public List<WaiverEntry> waivers(boolean all) {
    return rows(
            entityManager
                .createNativeQuery(
                    """
                    SELECT w.waiver_id, w.policy_name, s.hostname, w.selector::text, w.reason,
                           w.author, w.created_at, w.expires_at, w.revoked_at,
                           CASE WHEN w.revoked_at IS NOT NULL THEN 'revoked'
                                WHEN w.expires_at <= now() THEN 'expired'
                                ELSE 'active' END
                      FROM waivers w
                      LEFT JOIN servers s ON s.server_id = w.server_id
                     WHERE :all OR (w.revoked_at IS NULL AND w.expires_at > now())
                     ORDER BY w.expires_at, w.waiver_id
                    """)
                .setParameter("all", all))
        .stream()
        .map(
            row ->
                new WaiverEntry(
                    SqlValues.bigint(row[0]),
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    SqlValues.instant(row[6]),
                    SqlValues.instant(row[7]),
                    SqlValues.instant(row[8]),
                    (String) row[9]))
        .toList();
  }

  /** The evidence's rule as "file:line: text" ({file, line, text}, or already a sentence). */
  static String rule(JsonNode rule) {
    if (rule.isTextual()) {
      return rule.asText();
    }
    if (!rule.isObject() || !rule.hasNonNull("file")) {
      return null;
    }
    String where =
        rule.path("line").asInt() > 0
            ? rule.path("file").asText() + ":" + rule.path("line").asInt()
            : rule.path("file").asText();
    return rule.hasNonNull("text") ? where + ": " + rule.path("text").asText() : where;
  }

  /** The summary of the evidence's first fix. */
  static String fix(JsonNode evidence) {
    JsonNode summary = evidence.path("remediation").path(0).path("summary");
    return summary.isTextual() ? summary.asText() : null;
  }

  /** A LIKE pattern matching what starts with {@code prefix}, its wildcards taken literally. */
  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private CoverageDocument document(String text) {
    try {
      return json.readValue(text, CoverageDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored coverage report does not read back: " + e.getMessage(), e);
    }
  }

  private JsonNode tree(String text) {
    try {
      return text == null ? json.nullNode() : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored policy is not JSON: " + e.getMessage(), e);
    }
  }

  /** Evidence as indented JSON for a human; null when there is none. */
  private String pretty(String text) {
    JsonNode node = tree(text);
    if (node.isNull() || node.isMissingNode() || node.isEmpty()) {
      return null;
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query query) {
    return query.getResultList();
  }
}
