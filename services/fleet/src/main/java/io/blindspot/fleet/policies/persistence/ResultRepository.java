package io.blindspot.fleet.policies.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.fleet.policies.application.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads policy_results and findings, always through the effective status: a waived row whose waiver
 * has expired reads as "fail" before any worker has caught up.
 */
@ApplicationScoped
public class ResultRepository implements ResultStore {

  static final String EFFECTIVE = effective("");

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public ResultRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  @Override
  public Optional<List<ServerResult>> forServer(String hostname) {
    List<UUID> ids =
        jdbc.query(
            "SELECT server_id FROM servers WHERE hostname = ?",
            r -> r.getObject(1, UUID.class),
            hostname);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    UUID serverId = ids.get(0);
    Map<String, List<FindingRow>> findings = new LinkedHashMap<>();
    jdbc.query(
        "SELECT policy_name, requirement, path, severity, "
            + EFFECTIVE
            + " AS effective, waiver_id, waived_until, asset_kind, asset_status, job, message,"
            + " evidence::text AS evidence, first_seen FROM findings WHERE server_id = ?"
            + " ORDER BY policy_name COLLATE \"C\", requirement COLLATE \"C\", path COLLATE \"C\"",
        r -> {
          findings
              .computeIfAbsent(r.getString("policy_name"), k -> new ArrayList<>())
              .add(
                  new FindingRow(
                      r.getString("requirement"),
                      r.getString("path"),
                      r.getString("severity"),
                      r.getString("effective"),
                      Jdbc.nullableLong(r, "waiver_id"),
                      Jdbc.instant(r, "waived_until"),
                      r.getString("asset_kind"),
                      r.getString("asset_status"),
                      r.getString("job"),
                      r.getString("message"),
                      read(r.getString("evidence")),
                      Jdbc.instant(r, "first_seen")));
          return null;
        },
        serverId);
    return Optional.of(
        jdbc.query(
            "SELECT policy_name, severity, "
                + EFFECTIVE
                + " AS effective, waiver_id, waived_until, evaluated_at, evidence::text AS"
                + " evidence FROM policy_results WHERE server_id = ?"
                + " ORDER BY policy_name COLLATE \"C\"",
            r ->
                new ServerResult(
                    r.getString("policy_name"),
                    r.getString("severity"),
                    r.getString("effective"),
                    Jdbc.nullableLong(r, "waiver_id"),
                    Jdbc.instant(r, "waived_until"),
                    Jdbc.instant(r, "evaluated_at"),
                    read(r.getString("evidence")),
                    findings.getOrDefault(r.getString("policy_name"), List.of())),
            serverId));
  }

  @Override
  public List<ServerStatus> forPolicy(
      String policy, Set<String> statuses, String afterHostname, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT s.hostname, "
                + effective("p.")
                + " AS effective, p.waiver_id, p.waived_until, p.evaluated_at,"
                + " (SELECT count(*) FROM findings f WHERE f.server_id = p.server_id"
                + "   AND f.policy_name = p.policy_name) AS findings"
                + " FROM policy_results p JOIN servers s ON s.server_id = p.server_id"
                + " WHERE p.policy_name = ?");
    List<Object> parameters = new ArrayList<>(List.of(policy));
    if (!statuses.isEmpty()) {
      sql.append(" AND ").append(effective("p.")).append(" = ANY (?)");
      parameters.add(statuses.toArray(String[]::new));
    }
    if (afterHostname != null) {
      sql.append(" AND s.hostname COLLATE \"C\" > ?");
      parameters.add(afterHostname);
    }
    sql.append(" ORDER BY s.hostname COLLATE \"C\" LIMIT ?");
    parameters.add(limit);
    return jdbc.query(
        sql.toString(),
        r ->
            new ServerStatus(
                r.getString("hostname"),
                r.getString("effective"),
                Jdbc.nullableLong(r, "waiver_id"),
                Jdbc.instant(r, "waived_until"),
                Jdbc.instant(r, "evaluated_at"),
                r.getInt("findings")),
        parameters.toArray());
  }

  /** The shared rule of issue 5: a waiver past its expiry no longer excuses anything. */
  static String effective(String alias) {
    return "CASE WHEN "
        + alias
        + "status = 'waived' AND "
        + alias
        + "waived_until <= now() THEN 'fail' ELSE "
        + alias
        + "status END";
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
