package io.blindspot.fleet.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request in hand, set by the authentication filter before any resource runs. */
@RequestScoped
public class CurrentCaller {

  private Caller caller;

  public Caller get() {
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller in this request");
    }
    return caller;
  }

  void set(Caller caller) {
    this.caller = caller;
  }
}
