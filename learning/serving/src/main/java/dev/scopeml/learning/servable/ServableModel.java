package dev.scopeml.learning.servable;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.schema.RowEncoder;

/**
 * A stored version that passed every check, ready to predict: its metadata, the encoder of its
 * schema and its predictor, all thread-safe.
 *
 * @param version the version's metadata (schema, classes, provenance)
 * @param encoder the encoder of the schema the version was trained with
 * @param predictor its predictor
 */
public record ServableModel(ModelVersion version, RowEncoder encoder, Predictor predictor) {}
