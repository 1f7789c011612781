package dev.scopeml.modelstore.registry;

/** A registry request that cannot be carried out; {@link #reason()} says which kind of failure. */
public final class RegistryException extends RuntimeException {

  private final Reason reason;

  public RegistryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Failure kinds, mapped by the APIs to 404, 409 and 400. */
  public enum Reason {
    NOT_FOUND,
    CONFLICT,
    INVALID
  }

  static RegistryException notFound(String message) {
    return new RegistryException(Reason.NOT_FOUND, message);
  }

  static RegistryException conflict(String message) {
    return new RegistryException(Reason.CONFLICT, message);
  }

  static RegistryException invalid(String message) {
    return new RegistryException(Reason.INVALID, message);
  }
}
