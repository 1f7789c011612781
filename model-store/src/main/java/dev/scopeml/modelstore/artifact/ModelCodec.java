package dev.scopeml.modelstore.artifact;

/**
 * Turns one kind of in-memory model into bytes and back.
 *
 * @param <M> the model type this codec handles
 */
public interface ModelCodec<M> {

  /** The format id written into the envelope and the version row, e.g. {@code tribuo-protobuf}. */
  String format();

  /** The type decoded models have. */
  Class<M> modelType();

  byte[] encode(M model);

  /**
   * Decodes payload bytes whose checksum has already been verified.
   *
   * @throws ArtifactException if the bytes are not a model of this format
   */
  M decode(byte[] payload);
}
