package dev.scopeml.learning.prediction;

import dev.scopeml.modelstore.schema.FeatureSchema;

/**
 * One artifact format the scorer can serve, provided by the package of the algorithm that writes it
 * and found through {@link java.util.ServiceLoader}: adding a format is a class and a line in
 * {@code META-INF/services}, nothing else.
 */
public interface ModelFormat {

  /** The format id written into the envelope and the version row, e.g. {@code tribuo-protobuf}. */
  String id();

  /**
   * Reads a stored payload, whose checksum is already verified, into a predictor.
   *
   * @param schema the schema stored with the version
   * @throws dev.scopeml.modelstore.artifact.ArtifactException if the payload is not a readable
   *     model of this format: a refusal, never worth retrying
   * @throws IllegalArgumentException if the model is of a kind this format cannot serve or does not
   *     fit the schema
   */
  Predictor predictor(byte[] payload, FeatureSchema schema);
}
