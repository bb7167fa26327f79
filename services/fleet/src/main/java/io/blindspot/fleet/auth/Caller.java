package io.blindspot.fleet.auth;

/**
 * Who is making a request: the bootstrap admin ("admin") or a named operator token.
 *
 * @param name what the audit trail records as the actor
 */
public record Caller(String name, Role role) {

  /** What a caller may do: viewers read everything and change nothing. */
  public enum Role {
    ADMIN,
    VIEWER;

    public boolean canWrite() {
      return this == ADMIN;
    }
  }

  public static final Caller BOOTSTRAP_ADMIN = new Caller("admin", Role.ADMIN);
}
