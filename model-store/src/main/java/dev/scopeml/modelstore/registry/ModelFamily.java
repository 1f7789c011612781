package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.schema.FeatureSchema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model: what it predicts, over which scopes, from which features. Versions of every scope of the
 * family share its name; each version also stores the exact schema it was trained with.
 *
 * @param name model name, {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 128 characters
 * @param label the label column
 * @param classes label classes
 * @param scopeColumns the columns whose values name a scope (empty: only the global scope)
 * @param schema the feature schema of the latest registration
 * @param createdAt when first registered (null before it is stored)
 * @param updatedAt when last registered (null before it is stored)
 */
public record ModelFamily(
    String name,
    String label,
    List<String> classes,
    List<String> scopeColumns,
    FeatureSchema schema,
    Instant createdAt,
    Instant updatedAt) {

  public ModelFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(schema, "schema");
    classes = List.copyOf(classes);
    scopeColumns = List.copyOf(scopeColumns);
  }

  /** A family to register; the store sets the timestamps. */
  public static ModelFamily of(String name, List<String> scopeColumns, FeatureSchema schema) {
    return new ModelFamily(
        name, schema.label(), schema.classes(), scopeColumns, schema, null, null);
  }
}
