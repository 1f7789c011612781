package dev.scopeml.modelstore.artifact;

/** An artifact that cannot be trusted or decoded: bad checksum, unknown format, refused class. */
public final class ArtifactException extends RuntimeException {

  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
