package io.blindspot.fleet.policies.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.policy.PolicyParser;
import io.blindspot.core.policy.Selector;
import io.blindspot.core.policy.Waiver;
import io.blindspot.fleet.policies.application.StoredWaiver;
import io.blindspot.fleet.policies.application.WaiverStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Table waivers, with the hostname of a waived server. */
@ApplicationScoped
public class WaiverRepository implements WaiverStore {

  private static final String COLUMNS =
      "SELECT w.waiver_id, w.policy_name, w.server_id, s.hostname, w.selector::text AS selector,"
          + " w.reason, w.author, w.created_at, w.expires_at, w.revoked_at"
          + " FROM waivers w LEFT JOIN servers s ON s.server_id = w.server_id";

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public WaiverRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  @Override
  public long insert(
      String policy,
      UUID serverId,
      Selector selector,
      String reason,
      String author,
      Instant expiresAt) {
    return jdbc.query(
            "INSERT INTO waivers (policy_name, server_id, selector, reason, author, expires_at)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?) RETURNING waiver_id",
            r -> r.getLong(1),
            policy,
            serverId,
            selector == null ? null : write(selector),
            reason,
            author,
            expiresAt)
        .get(0);
  }

  @Override
  public Optional<StoredWaiver> find(long id) {
    return jdbc.query(COLUMNS + " WHERE w.waiver_id = ?", this::stored, id).stream().findFirst();
  }

  @Override
  public Optional<StoredWaiver> lock(long id) {
    return jdbc.query(COLUMNS + " WHERE w.waiver_id = ? FOR UPDATE OF w", this::stored, id).stream()
        .findFirst();
  }

  @Override
  public List<StoredWaiver> list(String policy, String state, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE true");
    List<Object> parameters = new ArrayList<>();
    if (policy != null) {
      sql.append(" AND w.policy_name = ?");
      parameters.add(policy);
    }
    if (StoredWaiver.ACTIVE.equals(state)) {
      sql.append(" AND w.revoked_at IS NULL AND w.expires_at > now()");
    } else if (StoredWaiver.EXPIRED.equals(state)) {
      sql.append(" AND w.revoked_at IS NULL AND w.expires_at <= now()");
    } else if (StoredWaiver.REVOKED.equals(state)) {
      sql.append(" AND w.revoked_at IS NOT NULL");
    }
    if (beforeId != null) {
      sql.append(" AND w.waiver_id < ?");
      parameters.add(beforeId);
    }
    sql.append(" ORDER BY w.waiver_id DESC LIMIT ?");
    parameters.add(limit);
    return jdbc.query(sql.toString(), this::stored, parameters.toArray());
  }

  @Override
  public void revoke(long id) {
    jdbc.update("UPDATE waivers SET revoked_at = clock_timestamp() WHERE waiver_id = ?", id);
  }

  @Override
  public List<Waiver> active() {
    return jdbc
        .query(COLUMNS + " WHERE w.revoked_at IS NULL AND w.expires_at > now()", this::stored)
        .stream()
        .map(StoredWaiver::waiver)
        .toList();
  }

  @Override
  public Optional<UUID> serverId(String hostname) {
    return jdbc
        .query(
            "SELECT server_id FROM servers WHERE hostname = ?",
            r -> r.getObject(1, UUID.class),
            hostname)
        .stream()
        .findFirst();
  }

  private StoredWaiver stored(ResultSet r) throws SQLException {
    String selector = r.getString("selector");
    return new StoredWaiver(
        r.getLong("waiver_id"),
        r.getString("policy_name"),
        r.getObject("server_id", UUID.class),
        r.getString("hostname"),
        selector == null ? null : read(selector),
        r.getString("reason"),
        r.getString("author"),
        Jdbc.instant(r, "created_at"),
        Jdbc.instant(r, "expires_at"),
        Jdbc.instant(r, "revoked_at"));
  }

  private Selector read(String text) {
    try {
      return PolicyParser.selector(json.readTree(text), "selector");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored waiver selector does not read back", e);
    }
  }

  private String write(Selector selector) {
    try {
      return json.writeValueAsString(PolicyParser.toMap(selector));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
