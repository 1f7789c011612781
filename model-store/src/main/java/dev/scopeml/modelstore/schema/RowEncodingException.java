package dev.scopeml.modelstore.schema;

/** A row that cannot be encoded; names the offending field so an API can say which one. */
public final class RowEncodingException extends IllegalArgumentException {

  private final String field;

  public RowEncodingException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The column at fault. */
  public String field() {
    return field;
  }
}
