package io.blindspot.fleet.dashboard.api;

import io.blindspot.fleet.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** Who signed in to the dashboard, set by {@link DashboardSessionFilter} for each page request. */
@RequestScoped
public class SignedIn {

  private Caller caller;

  public Caller get() {
    if (caller == null) {
      throw new IllegalStateException("no dashboard session in this request");
    }
    return caller;
  }

  void set(Caller caller) {
    this.caller = caller;
  }
}
