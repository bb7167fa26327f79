package io.blindspot.fleet.policies.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.fleet.policies.application.AuditEntry;
import io.blindspot.fleet.policies.application.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Table audit_trail: inserted into, never updated or deleted. */
@ApplicationScoped
public class AuditRepository implements AuditStore {

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public AuditRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  @Override
  public void append(
      String actor, String entity, String entityId, String action, Object before, Object after) {
    jdbc.update(
        "INSERT INTO audit_trail (actor, entity, entity_id, action, before, after)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)",
        actor,
        entity,
        entityId,
        action,
        write(before),
        write(after));
  }

  @Override
  public List<AuditEntry> page(String entity, String entityId, Long beforeId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT audit_id, at, actor, entity, entity_id, action, before::text AS before,"
                + " after::text AS after FROM audit_trail WHERE true");
    List<Object> parameters = new ArrayList<>();
    if (entity != null) {
      sql.append(" AND entity = ?");
      parameters.add(entity);
    }
    if (entityId != null) {
      sql.append(" AND entity_id = ?");
      parameters.add(entityId);
    }
    if (beforeId != null) {
      sql.append(" AND audit_id < ?");
      parameters.add(beforeId);
    }
    sql.append(" ORDER BY audit_id DESC LIMIT ?");
    parameters.add(limit);
    return jdbc.query(sql.toString(), this::entry, parameters.toArray());
  }

  private AuditEntry entry(ResultSet r) throws SQLException {
    return new AuditEntry(
        r.getLong("audit_id"),
        Jdbc.instant(r, "at"),
        r.getString("actor"),
        r.getString("entity"),
        r.getString("entity_id"),
        r.getString("action"),
        read(r.getString("before")),
        read(r.getString("after")));
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(Object value) {
    try {
      return value == null ? null : json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
