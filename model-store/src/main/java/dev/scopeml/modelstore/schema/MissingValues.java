package dev.scopeml.modelstore.schema;

/**
 * What a missing value becomes in the encoded row. A value is missing when the column is absent,
 * null, empty or {@code NA}; a category the model never saw counts as missing too, unless the
 * schema says {@link UnknownCategories#REJECT}.
 */
public enum MissingValues {
  /**
   * NaN, for models that learn where missing values go (XGBoost's default directions). A missing
   * category puts NaN in every one of its one-hot slots.
   */
  NATIVE,
  /**
   * A fill value, for models that cannot take NaN: a numeric feature's {@link Feature#fill()}, and
   * zero in every one-hot slot of a missing category ("none of the known levels").
   */
  IMPUTE
}
