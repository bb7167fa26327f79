package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Admits the bootstrap admin token (BLINDSPOT_ADMIN_TOKEN), compared in constant time. */
@ApplicationScoped
public class BootstrapAdminTokenCheck implements TokenCheck {

  private final FleetConfig config;

  public BootstrapAdminTokenCheck(FleetConfig config) {
    this.config = config;
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    return config
        .adminToken()
        .filter(expected -> !expected.isBlank())
        .filter(expected -> TokenDigest.matches(token, TokenDigest.sha256(expected)))
        .map(expected -> Caller.BOOTSTRAP_ADMIN);
  }
}
