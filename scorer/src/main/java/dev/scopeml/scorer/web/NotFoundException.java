package dev.scopeml.scorer.web;

/** A request for something that does not exist, such as a model version; answered 404. */
public final class NotFoundException extends RuntimeException {

  private final String field;

  /**
   * @param field the request field naming what is missing, or null
   * @param message what was not found
   */
  public NotFoundException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
