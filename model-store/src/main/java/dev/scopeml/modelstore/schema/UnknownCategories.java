package dev.scopeml.modelstore.schema;

/** What happens when a row holds a category level that was not in the training data. */
public enum UnknownCategories {
  /** Encode it as a missing value, following the schema's {@link MissingValues}. */
  AS_MISSING,
  /** Refuse the row with a {@link RowEncodingException} naming the column and the level. */
  REJECT
}
