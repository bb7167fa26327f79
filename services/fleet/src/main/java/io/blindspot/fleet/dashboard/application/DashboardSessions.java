package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.auth.application.OperatorAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in to the dashboard: a token typed into the form (the bootstrap admin token or an
 * operator token, checked by the same authenticator as the API's bearer tokens) opens a session
 * whose random id the browser keeps in a cookie. Only the id's SHA-256 is stored, with the SHA-256
 * of the token, so that revoking the token (or rotating the bootstrap admin token) ends the session
 * at the next page.
 */
@ApplicationScoped
public class DashboardSessions {

  static final String SESSION_PREFIX = "bsd_";

  private final OperatorAuthenticator tokens;
  private final SessionStore store;
  private final FleetConfig config;

  public DashboardSessions(OperatorAuthenticator tokens, SessionStore store, FleetConfig config) {
    this.tokens = tokens;
    this.store = store;
    this.config = config;
  }

  /** A new session for the token's caller; empty when the token admits nobody. */
  @Transactional
  public Optional<NewSession> signIn(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String presented = token.strip();
    Optional<Caller> caller = tokens.authenticate(presented);
    if (caller.isEmpty()) {
      return Optional.empty();
    }
    store.deleteExpired(); // sign-ins are rare: a fine moment to forget the sessions that ended
    String id = TokenDigest.newSecret(SESSION_PREFIX);
    Instant expiresAt = Instant.now().plus(config.dashboard().sessionTtl());
    store.create(TokenDigest.sha256(id), TokenDigest.sha256(presented), caller.get(), expiresAt);
    return Optional.of(new NewSession(id, caller.get(), expiresAt));
  }

  /** The caller of a live session; empty when it is unknown, expired or its token revoked. */
  @Transactional
  public Optional<Caller> caller(String sessionId) {
    if (sessionId == null || !sessionId.startsWith(SESSION_PREFIX)) {
      return Optional.empty();
    }
    return store
        .find(TokenDigest.sha256(sessionId))
        .filter(this::tokenStillAdmits)
        .map(SessionStore.StoredSession::caller);
  }

  @Transactional
  public void signOut(String sessionId) {
    if (sessionId != null && !sessionId.isBlank()) {
      store.delete(TokenDigest.sha256(sessionId));
    }
  }

  private boolean tokenStillAdmits(SessionStore.StoredSession session) {
    if (session.operatorToken()) {
      return !session.tokenRevoked();
    }
    // Not an operator token: the bootstrap admin token, valid only while it is still configured.
    return config
        .adminToken()
        .filter(expected -> !expected.isBlank())
        .map(expected -> TokenDigest.matches(expected, session.tokenHash()))
        .orElse(false);
  }

  /**
   * A session just opened.
   *
   * @param id the secret for the cookie, never stored
   */
  public record NewSession(String id, Caller caller, Instant expiresAt) {}
}
