package io.blindspot.fleet.problem;

/** The thing a path names does not exist: answered 404. */
public class NotFound extends RuntimeException {

  public NotFound(String message) {
    super(message);
  }
}
