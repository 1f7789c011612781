package dev.scopeml.modelstore.schema;

import java.util.List;
import java.util.Objects;

/**
 * One input column of a model.
 *
 * @param name column name as it appears in rows
 * @param kind numeric or categorical
 * @param levels the category levels kept from training, in encoding order (empty for numeric)
 * @param fill the value a missing numeric becomes under {@link MissingValues#IMPUTE} (typically the
 *     training median); ignored for categorical features
 * @param other whether the feature has one more slot, {@link #OTHER_LEVEL}, for every level that is
 *     not in {@code levels}: set when training saw more levels than a run keeps, so the rare ones,
 *     and unseen ones at serving time, all share it
 */
public record Feature(
    String name, FeatureKind kind, List<String> levels, double fill, boolean other)
    implements java.io.Serializable {

  /** The name of the slot of the levels not kept, as in {@code city=(other)}. */
  public static final String OTHER_LEVEL = "(other)";

  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature names must not be blank");
    }
    levels = levels == null ? List.of() : List.copyOf(levels);
    if (kind == FeatureKind.NUMERIC && (!levels.isEmpty() || other)) {
      throw new IllegalArgumentException("numeric feature '" + name + "' cannot have levels");
    }
    if (kind == FeatureKind.CATEGORICAL && levels.isEmpty()) {
      throw new IllegalArgumentException("categorical feature '" + name + "' needs levels");
    }
    if (levels.stream().distinct().count() != levels.size()) {
      throw new IllegalArgumentException("categorical feature '" + name + "' repeats a level");
    }
    if (other && levels.contains(OTHER_LEVEL)) {
      throw new IllegalArgumentException(
          "categorical feature '" + name + "' keeps a level named " + OTHER_LEVEL);
    }
  }

  /** A numeric feature whose missing values are filled with {@code fill} when imputing. */
  public static Feature numeric(String name, double fill) {
    return new Feature(name, FeatureKind.NUMERIC, List.of(), fill, false);
  }

  /** A categorical feature with the given levels, one-hot encoded in that order. */
  public static Feature categorical(String name, List<String> levels) {
    return new Feature(name, FeatureKind.CATEGORICAL, levels, 0, false);
  }

  /**
   * A categorical feature that keeps {@code levels} and encodes every other level in one more slot.
   */
  public static Feature categoricalWithOther(String name, List<String> levels) {
    return new Feature(name, FeatureKind.CATEGORICAL, levels, 0, true);
  }

  /** How many slots of the encoded row this feature takes. */
  public int width() {
    return kind == FeatureKind.NUMERIC ? 1 : levels.size() + (other ? 1 : 0);
  }
}
