package io.blindspot.fleet.auth.application;

import io.blindspot.fleet.auth.Caller;

/** The outcome of checking a bearer token: who is calling, or why nobody is. */
public sealed interface Authentication {

  /** The token is the bootstrap admin token or an active operator token. */
  record Admitted(Caller caller) implements Authentication {}

  /** The token is refused; {@code reason} is safe to show to whoever presented it. */
  record Refused(String reason) implements Authentication {}
}
