package io.blindspot.fleet.problem;

/** The caller is known but its role does not allow the request (a viewer writing): answered 403. */
public class Forbidden extends RuntimeException {

  public Forbidden(String message) {
    super(message);
  }
}
