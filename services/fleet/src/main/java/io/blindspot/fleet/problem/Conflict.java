package io.blindspot.fleet.problem;

/** The request is well-formed but contradicts the current state: answered 409. */
public class Conflict extends RuntimeException {

  public Conflict(String message) {
    super(message);
  }
}
