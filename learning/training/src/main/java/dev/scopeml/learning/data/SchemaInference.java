package dev.scopeml.learning.data;

import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.UnknownCategories;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Infers a {@link FeatureSchema} from a table. A column is numeric when every non-missing value is
 * a decimal number (the form the row encoder accepts), otherwise categorical. Category levels and
 * label classes are sorted: numerically when they are all numbers, else as text. A numeric
 * feature's fill value is its median (0 when the column has no values).
 */
public final class SchemaInference {

  // The decimal form RowEncoder accepts for numeric features; anything else makes a column
  // categorical, so every value of an inferred numeric column is guaranteed to encode.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private SchemaInference() {}

  /**
   * Infers the schema of {@code features} predicting {@code label}.
   *
   * @param table the training data; rows whose label is missing are ignored
   * @param missing how the algorithm wants missing values encoded
   * @param unknownCategories what unseen levels become at prediction time
   * @throws IllegalArgumentException for an unknown column, a label among the features, or fewer
   *     than two label classes
   */
  public static FeatureSchema infer(
      CsvTable table,
      String label,
      List<String> features,
      MissingValues missing,
      UnknownCategories unknownCategories) {
    Objects.requireNonNull(label, "label");
    List<String> classes = sortedDistinct(table.column(label));
    var inferred = new ArrayList<Feature>(features.size());
    int labelIndex = table.columnIndex(label);
    for (String name : features) {
      int index = table.columnIndex(name);
      var values = new ArrayList<String>();
      for (List<String> row : table.rows()) {
        if (row.get(labelIndex) != null && row.get(index) != null) {
          values.add(row.get(index));
        }
      }
      inferred.add(infer(name, values));
    }
    return new FeatureSchema(inferred, label, classes, missing, unknownCategories);
  }

  /** Every column but the label, in table order. */
  public static List<String> allFeatures(CsvTable table, String label) {
    table.columnIndex(label);
    return table.columns().stream().filter(column -> !column.equals(label)).toList();
  }

  private static Feature infer(String name, List<String> values) {
    boolean numeric = values.stream().allMatch(SchemaInference::isDecimal);
    if (!numeric) {
      return Feature.categorical(name, sortedDistinct(values));
    }
    double[] numbers = values.stream().mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
    return Feature.numeric(name, median(numbers));
  }

  static boolean isDecimal(String value) {
    return DECIMAL.matcher(value.trim()).matches();
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static List<String> sortedDistinct(List<String> values) {
    var distinct = new TreeSet<String>();
    values.stream().filter(Objects::nonNull).forEach(distinct::add);
    var sorted = new ArrayList<>(distinct);
    if (sorted.stream().allMatch(SchemaInference::isDecimal)) {
      sorted.sort(Comparator.comparing((String v) -> new BigDecimal(v.trim())));
    }
    return sorted;
  }
}
