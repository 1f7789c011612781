package dev.scopeml.modelstore.schema;

import java.util.List;
import java.util.Objects;

/**
 * One input column of a model.
 *
 * @param name column name as it appears in rows
 * @param kind numeric or categorical
 * @param levels the category levels seen in training, in encoding order (empty for numeric)
 * @param fill the value a missing numeric becomes under {@link MissingValues#IMPUTE} (typically the
 *     training median); ignored for categorical features
 */
public record Feature(String name, FeatureKind kind, List<String> levels, double fill) {

  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature names must not be blank");
    }
    levels = levels == null ? List.of() : List.copyOf(levels);
    if (kind == FeatureKind.NUMERIC && !levels.isEmpty()) {
      throw new IllegalArgumentException("numeric feature '" + name + "' cannot have levels");
    }
    if (kind == FeatureKind.CATEGORICAL && levels.isEmpty()) {
      throw new IllegalArgumentException("categorical feature '" + name + "' needs levels");
    }
    if (levels.stream().distinct().count() != levels.size()) {
      throw new IllegalArgumentException("categorical feature '" + name + "' repeats a level");
    }
  }

  /** A numeric feature whose missing values are filled with {@code fill} when imputing. */
  public static Feature numeric(String name, double fill) {
    return new Feature(name, FeatureKind.NUMERIC, List.of(), fill);
  }

  /** A categorical feature with the given levels, one-hot encoded in that order. */
  public static Feature categorical(String name, List<String> levels) {
    return new Feature(name, FeatureKind.CATEGORICAL, levels, 0);
  }

  /** How many slots of the encoded row this feature takes. */
  public int width() {
    return kind == FeatureKind.NUMERIC ? 1 : levels.size();
  }
}
