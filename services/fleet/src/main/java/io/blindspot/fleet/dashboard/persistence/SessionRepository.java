package io.blindspot.fleet.dashboard.persistence;

import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.dashboard.application.SessionStore;
import io.blindspot.fleet.sql.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dashboard_sessions, checked against operator_tokens so that a revoked token ends its sessions.
 */
@ApplicationScoped
public class SessionRepository implements SessionStore {

  private final EntityManager entityManager;

  public SessionRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public void create(byte[] sessionHash, byte[] tokenHash, Caller caller, Instant expiresAt) {
    entityManager
        .createNativeQuery(
            """
            INSERT INTO dashboard_sessions (session_hash, token_hash, caller_name, role, expires_at)
            VALUES (:session, :token, :name, :role, :expires)
            """)
        .setParameter("session", sessionHash)
        .setParameter("token", tokenHash)
        .setParameter("name", caller.name())
        .setParameter("role", caller.role().name().toLowerCase(Locale.ROOT))
        .setParameter("expires", expiresAt.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }

  @Override
  public Optional<StoredSession> find(byte[] sessionHash) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT s.token_hash, s.caller_name, s.role, s.expires_at,
                       t.token_id IS NOT NULL, t.revoked_at IS NOT NULL
                  FROM dashboard_sessions s
                  LEFT JOIN operator_tokens t ON t.token_hash = s.token_hash
                 WHERE s.session_hash = :session AND s.expires_at > now()
                """)
            .setParameter("session", sessionHash)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row ->
                new StoredSession(
                    (byte[]) row[0],
                    new Caller(
                        (String) row[1],
                        Caller.Role.valueOf(((String) row[2]).toUpperCase(Locale.ROOT))),
                    SqlValues.instant(row[3]),
                    Boolean.TRUE.equals(row[4]),
                    Boolean.TRUE.equals(row[5])));
  }

  @Override
  public void delete(byte[] sessionHash) {
    entityManager
        .createNativeQuery("DELETE FROM dashboard_sessions WHERE session_hash = :session")
        .setParameter("session", sessionHash)
        .executeUpdate();
  }

  @Override
  public int deleteExpired() {
    return entityManager
        .createNativeQuery("DELETE FROM dashboard_sessions WHERE expires_at <= now()")
        .executeUpdate();
  }
}
