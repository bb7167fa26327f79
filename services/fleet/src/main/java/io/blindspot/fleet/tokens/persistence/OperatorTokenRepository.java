package io.blindspot.fleet.tokens.persistence;

import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.sql.SqlValues;
import io.blindspot.fleet.tokens.application.OperatorToken;
import io.blindspot.fleet.tokens.application.OperatorTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** operator_tokens and the token rows of audit_trail, in plain SQL. */
@ApplicationScoped
public class OperatorTokenRepository implements OperatorTokenStore {

  private static final String COLUMNS =
      "token_id, name, role, created_at, created_by, last_used_at, revoked_at";

  private final EntityManager entityManager;

  public OperatorTokenRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public boolean add(OperatorToken token, byte[] secretDigest) {
    // The partial unique index on active names decides races between two creations.
    int inserted =
        entityManager
            .createNativeQuery(
                """
                INSERT INTO operator_tokens (token_id, name, role, token_hash, created_at,
                                             created_by)
                VALUES (:id, :name, :role, :hash, :createdAt, :createdBy)
                ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
                """)
            .setParameter("id", token.id())
            .setParameter("name", token.name())
            .setParameter("role", roleName(token.role()))
            .setParameter("hash", secretDigest)
            .setParameter("createdAt", token.createdAt())
            .setParameter("createdBy", token.createdBy())
            .executeUpdate();
    return inserted == 1;
  }

  @Override
  public List<OperatorToken> all() {
    return rows(
            entityManager.createNativeQuery(
                "SELECT " + COLUMNS + " FROM operator_tokens ORDER BY created_at DESC, token_id"))
        .stream()
        .map(OperatorTokenRepository::toToken)
        .toList();
  }

  @Override
  public Optional<OperatorToken> find(UUID id) {
    return rows(
            entityManager
                .createNativeQuery(
                    "SELECT " + COLUMNS + " FROM operator_tokens WHERE token_id = :id")
                .setParameter("id", id))
        .stream()
        .findFirst()
        .map(OperatorTokenRepository::toToken);
  }

  @Override
  public Optional<OperatorToken> revoke(UUID id, Instant at) {
    entityManager
        .createNativeQuery(
            "UPDATE operator_tokens SET revoked_at = :at WHERE token_id = :id AND revoked_at IS NULL")
        .setParameter("at", at)
        .setParameter("id", id)
        .executeUpdate();
    return find(id);
  }

  @Override
  public List<Credential> credentials() {
    return rows(
            entityManager.createNativeQuery(
                "SELECT " + COLUMNS + ", token_hash FROM operator_tokens"))
        .stream()
        .map(row -> new Credential((byte[]) row[7], toToken(row)))
        .toList();
  }

  @Override
  public void recordUse(Map<UUID, Instant> lastUse) {
    for (Map.Entry<UUID, Instant> use : lastUse.entrySet()) {
      entityManager
          .createNativeQuery(
              """
              UPDATE operator_tokens SET last_used_at = :at
               WHERE token_id = :id AND (last_used_at IS NULL OR last_used_at < :at)
              """)
          .setParameter("at", use.getValue())
          .setParameter("id", use.getKey())
          .executeUpdate();
    }
  }

  @Override
  public void audit(
      String actor, String action, UUID id, OperatorToken before, OperatorToken after) {
    entityManager
        .createNativeQuery(
            """
            INSERT INTO audit_trail (actor, entity, entity_id, action, before, after)
            VALUES (:actor, 'token', :id, :action, cast(:before AS jsonb), cast(:after AS jsonb))
            """)
        .setParameter("actor", actor)
        .setParameter("id", id.toString())
        .setParameter("action", action)
        .setParameter("before", before == null ? null : SqlValues.json(document(before)))
        .setParameter("after", after == null ? null : SqlValues.json(document(after)))
        .executeUpdate();
  }

  /** What the audit trail keeps of a token: never its secret, which this side never has. */
  private static Map<String, Object> document(OperatorToken token) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", token.id().toString());
    document.put("name", token.name());
    document.put("role", roleName(token.role()));
    document.put("createdAt", String.valueOf(token.createdAt()));
    document.put("createdBy", token.createdBy());
    document.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
    return document;
  }

  private static String roleName(Caller.Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  private static OperatorToken toToken(Object[] row) {
    return new OperatorToken(
        (UUID) row[0],
        (String) row[1],
        Caller.Role.valueOf(((String) row[2]).toUpperCase(Locale.ROOT)),
        SqlValues.instant(row[3]),
        (String) row[4],
        SqlValues.instant(row[5]),
        SqlValues.instant(row[6]));
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(Query query) {
    return query.getResultList();
  }
}
