package io.blindspot.fleet.tokens.application;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.problem.Conflict;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Issues, lists and revokes operator tokens, and keeps each change in the audit trail. */
@ApplicationScoped
public class OperatorTokens {

  /** What every operator token starts with, so a leaked one is recognisable (bso: operator). */
  public static final String SECRET_PREFIX = "bso_";

  // The name is the actor of the audit trail: short, printable, no spaces to misread.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");

  private final OperatorTokenStore store;
  private final Event<TokenChanged> changes;

  public OperatorTokens(OperatorTokenStore store, Event<TokenChanged> changes) {
    this.store = store;
    this.changes = changes;
  }

  /** Issues a token for {@code name} with {@code role}, on behalf of {@code issuer}. */
  @Transactional
  public IssuedOperatorToken issue(String name, String role, Caller issuer) {
    String checkedName = checkName(name);
    Caller.Role checkedRole = parseRole(role);
    String secret = TokenDigest.newSecret(SECRET_PREFIX);
    byte[] digest = TokenDigest.sha256(secret);
    OperatorToken token =
        new OperatorToken(
            UUID.randomUUID(),
            checkedName,
            checkedRole,
            Instant.now().truncatedTo(ChronoUnit.MICROS), // PostgreSQL's precision
            issuer.name(),
            null,
            null);
    if (!store.add(token, digest)) {
      throw new Conflict(
          "name: an active operator token is already called '"
              + checkedName
              + "'; revoke it first or choose another name");
    }
    store.audit(issuer.name(), "create", token.id(), null, token);
    changes.fire(new TokenChanged(digest, token));
    return new IssuedOperatorToken(token, secret);
  }

  @Transactional
  public List<OperatorToken> list() {
    return store.all();
  }

  @Transactional
  public OperatorToken show(UUID id) {
    return store.find(id).orElseThrow(() -> unknown(id));
  }

  /** Revokes the token; revoking it again keeps the first revocation and writes no audit row. */
  @Transactional
  public OperatorToken revoke(UUID id, Caller revoker) {
    OperatorToken before = store.find(id).orElseThrow(() -> unknown(id));
    if (before.revoked()) {
      return before;
    }
    OperatorToken after =
        store
            .revoke(id, Instant.now().truncatedTo(ChronoUnit.MICROS))
            .orElseThrow(() -> unknown(id));
    store.audit(revoker.name(), "revoke", id, before, after);
    changes.fire(new TokenChanged(null, after));
    return after;
  }

  static NotFound unknown(Object id) {
    return new NotFound("no operator token " + id);
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidParameter("name", "required, e.g. \"grafana\" or \"alice\"");
    }
    String stripped = name.strip();
    if (!NAME.matcher(stripped).matches()) {
      throw new InvalidParameter(
          "name",
          "1 to 64 letters, digits and . _ @ + -, starting with a letter or digit; got '"
              + name
              + "'");
    }
    if (stripped.equalsIgnoreCase(Caller.BOOTSTRAP_ADMIN.name())) {
      throw new InvalidParameter(
          "name", "'" + stripped + "' is the bootstrap admin token's name in the audit trail");
    }
    return stripped;
  }

  private static Caller.Role parseRole(String role) {
    if (role == null || role.isBlank()) {
      throw new InvalidParameter("role", "required: \"viewer\" or \"admin\"");
    }
    try {
      return Caller.Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameter("role", "must be \"viewer\" or \"admin\", got '" + role + "'");
    }
  }
}
