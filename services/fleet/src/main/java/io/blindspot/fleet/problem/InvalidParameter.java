package io.blindspot.fleet.problem;

/**
 * A request parameter, query parameter or body field the service cannot use: answered 400 with a
 * detail that starts with the parameter's name, so clients see which one to fix.
 */
public class InvalidParameter extends RuntimeException {

  private final String parameter;

  public InvalidParameter(String parameter, String message) {
    super(parameter + ": " + message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
