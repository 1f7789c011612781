package dev.scopeml.learning.algorithm;

/** Hyperparameters an algorithm refuses; the message names the parameter and what it accepts. */
public final class InvalidParametersException extends IllegalArgumentException {

  private final String parameter;

  public InvalidParametersException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The offending parameter's name. */
  public String parameter() {
    return parameter;
  }
}
