package dev.scopeml.scorer.web;

/** A request the scorer refuses because of its content; answered 400 naming the field. */
public final class BadRequestException extends RuntimeException {

  private final String field;

  /**
   * @param field the request field at fault (a path such as {@code instances[2].tenure}), or null
   * @param message what is wrong with it
   */
  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
