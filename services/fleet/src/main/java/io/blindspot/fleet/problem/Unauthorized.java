package io.blindspot.fleet.problem;

/** The request carries no usable operator credential: answered 401. */
public class Unauthorized extends RuntimeException {

  public Unauthorized(String message) {
    super(message);
  }
}
