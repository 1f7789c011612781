package dev.scopeml.modelstore.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The inputs and output of one model version: its features in encoding order, the label column and
 * its classes, and how missing values and unknown categories are encoded. Stored with every version
 * so the scorer encodes rows exactly as the trainer did.
 *
 * <p>The encoded row is a {@code double[]} of {@link #width()} slots: one per numeric feature, one
 * per level of each categorical feature (one-hot), plus one for its other levels when it has such a
 * slot, in feature order. {@link #encodedNames()} names the slots ({@code tenure}, {@code
 * contract=One year}, {@code city=(other)}, …).
 *
 * @param features input columns in encoding order
 * @param label the label column
 * @param classes label classes in output order
 * @param missing what missing values become
 * @param unknownCategories what unseen category levels become
 */
public record FeatureSchema(
    List<Feature> features,
    String label,
    List<String> classes,
    MissingValues missing,
    UnknownCategories unknownCategories)
    implements java.io.Serializable {

  public FeatureSchema {
    features = List.copyOf(Objects.requireNonNull(features, "features"));
    classes = List.copyOf(Objects.requireNonNull(classes, "classes"));
    Objects.requireNonNull(label, "label");
    missing = missing == null ? MissingValues.NATIVE : missing;
    unknownCategories =
        unknownCategories == null ? UnknownCategories.AS_MISSING : unknownCategories;
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one feature");
    }
    if (classes.size() < 2) {
      throw new IllegalArgumentException("label '" + label + "' needs at least two classes");
    }
    var names = new HashSet<String>();
    for (Feature feature : features) {
      if (!names.add(feature.name())) {
        throw new IllegalArgumentException("feature '" + feature.name() + "' appears twice");
      }
      if (feature.name().equals(label)) {
        throw new IllegalArgumentException("label '" + label + "' cannot also be a feature");
      }
    }
    if (classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException("label '" + label + "' repeats a class");
    }
  }

  /** Number of slots in an encoded row. */
  public int width() {
    return features.stream().mapToInt(Feature::width).sum();
  }

  /** The names of the encoded slots, in order. */
  public List<String> encodedNames() {
    var names = new ArrayList<String>(width());
    for (Feature feature : features) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        names.add(feature.name());
      } else {
        feature.levels().forEach(level -> names.add(feature.name() + "=" + level));
        if (feature.other()) {
          names.add(feature.name() + "=" + Feature.OTHER_LEVEL);
        }
      }
    }
    return names;
  }

  /** The feature names, in order. */
  public List<String> featureNames() {
    return features.stream().map(Feature::name).toList();
  }

  /** Index of a class label, or -1. */
  public int classIndex(String value) {
    return classes.indexOf(value);
  }

  /** An encoder for rows of this schema; build once and reuse, it holds lookup tables. */
  public RowEncoder encoder() {
    return new RowEncoder(this);
  }
}
