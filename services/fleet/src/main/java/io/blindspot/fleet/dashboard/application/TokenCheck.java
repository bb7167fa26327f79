package io.blindspot.fleet.dashboard.application;

import io.blindspot.fleet.auth.Caller;
import java.util.Optional;

/**
 * Who a token typed into the sign-in form belongs to: the same answer the API's authentication
 * gives for a bearer token, so the dashboard admits exactly the tokens the API does.
 */
public interface TokenCheck {

  /** The caller the token authenticates; empty for an unknown, revoked or agent token. */
  Optional<Caller> authenticate(String token);
}
