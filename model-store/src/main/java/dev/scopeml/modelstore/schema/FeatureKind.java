package dev.scopeml.modelstore.schema;

/** Whether a column holds numbers or category labels. */
public enum FeatureKind {
  NUMERIC,
  CATEGORICAL
}
