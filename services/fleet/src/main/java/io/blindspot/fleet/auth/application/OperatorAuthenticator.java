package io.blindspot.fleet.auth.application;

import io.blindspot.core.tokens.AgentToken;
import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.tokens.application.OperatorCredentials;
import io.blindspot.fleet.tokens.application.OperatorToken;
import io.blindspot.fleet.tokens.application.OperatorTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides who a bearer token belongs to: the bootstrap admin (BLINDSPOT_ADMIN_TOKEN) or an active
 * operator token (bso_...). Used by the API's authentication filter and by the dashboard's login
 * form. Never blocks on the database (operator tokens are checked against {@link
 * OperatorCredentials}), so it may be called on an I/O thread.
 */
@ApplicationScoped
public class OperatorAuthenticator {

  private final FleetConfig config;
  private final OperatorCredentials credentials;

  public OperatorAuthenticator(FleetConfig config, OperatorCredentials credentials) {
    this.config = config;
    this.credentials = credentials;
  }

  /** The caller a token (without "Bearer ") stands for; empty when it is refused. */
  public Optional<Caller> authenticate(String bearerToken) {
    return check(bearerToken) instanceof Authentication.Admitted admitted
        ? Optional.of(admitted.caller())
        : Optional.empty();
  }

  /** Like {@link #authenticate}, but says why a token is refused. */
  public Authentication check(String bearerToken) {
    String presented = bearerToken == null ? "" : bearerToken.strip();
    if (presented.isEmpty()) {
      return new Authentication.Refused("empty bearer token");
    }
    if (presented.startsWith(AgentToken.PREFIX)) {
      return new Authentication.Refused(
          "agent tokens (bsa_...) only work on the ingest service; use the admin token");
    }
    if (presented.startsWith(OperatorTokens.SECRET_PREFIX)) {
      Optional<OperatorToken> token = credentials.lookup(presented);
      if (token.isEmpty()) {
        return new Authentication.Refused("unknown bearer token");
      }
      if (token.get().revoked()) {
        return new Authentication.Refused(
            "operator token '"
                + token.get().name()
                + "' was revoked at "
                + token.get().revokedAt());
      }
      return new Authentication.Admitted(new Caller(token.get().name(), token.get().role()));
    }
    String expected = config.adminToken().filter(token -> !token.isBlank()).orElse(null);
    if (expected == null) {
      return new Authentication.Refused(
          "this service has no admin token configured (BLINDSPOT_ADMIN_TOKEN)");
    }
    // Constant time, so response timing does not leak how much of a guess was right.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      return new Authentication.Refused("unknown bearer token");
    }
    return new Authentication.Admitted(Caller.BOOTSTRAP_ADMIN);
  }
}
