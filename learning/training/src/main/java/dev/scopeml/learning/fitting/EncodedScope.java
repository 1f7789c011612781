package dev.scopeml.learning.fitting;

import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.modelstore.schema.ScopeSchema;

/**
 * A scope's rows encoded under the schema built from its training rows.
 *
 * @param split where the rows came from
 * @param schema the version's schema and the features it dropped
 * @param training the encoded training rows with their labels
 * @param holdout the encoded holdout rows, in {@code split.holdoutRows()} order
 */
public record EncodedScope(
    ScopeSplit split, ScopeSchema schema, TrainingSet training, double[][] holdout) {}
