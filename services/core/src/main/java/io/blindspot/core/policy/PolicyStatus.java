package io.blindspot.core.policy;

import java.util.Locale;

/** A server's result for one policy. */
public enum PolicyStatus {
  PASS,
  FAIL,
  /** Failing, but an active waiver excuses it until the waiver's expiry. */
  WAIVED,
  /** The policy's selector does not pick the server. */
  NOT_APPLICABLE;

  /** The wire name: "not-applicable". */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static PolicyStatus fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
