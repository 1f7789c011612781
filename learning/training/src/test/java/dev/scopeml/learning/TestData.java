package dev.scopeml.learning;

import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.learning.data.SchemaInference;
import dev.scopeml.learning.evaluation.StratifiedSplit;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.UnknownCategories;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real data sets shipped as test resources, read once per test JVM. */
public final class TestData {

  private static final Map<String, CsvTable> TABLES = new ConcurrentHashMap<>();

  private TestData() {}

  /** Telco customer churn: 7,043 rows, label {@code churn} (No/Yes), 11 missing total_charges. */
  public static CsvTable telco() {
    return table("telco_churn.csv");
  }

  /** MLC churn: 5,000 rows, label {@code churn} (no/yes), 51 states. */
  public static CsvTable mlcChurn() {
    return table("mlc_churn.csv");
  }

  private static CsvTable table(String file) {
    return TABLES.computeIfAbsent(
        file,
        name -> {
          var stream = TestData.class.getResourceAsStream("/datasets/" + name);
          if (stream == null) {
            throw new IllegalStateException("missing test resource datasets/" + name);
          }
          try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return CsvReader.read(reader);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * A table split for training: schema inferred on the training rows, holdout kept raw too.
   *
   * @param schema inferred from the training rows only
   * @param train encoded training rows
   * @param holdout encoded holdout rows
   * @param holdoutRows the holdout rows as clients would send them
   */
  public record Prepared(
      FeatureSchema schema,
      TrainingSet train,
      TrainingSet holdout,
      List<Map<String, Object>> holdoutRows) {}

  /** Splits {@code table} 80/20 by label and encodes it for an algorithm's missing-value policy. */
  public static Prepared prepare(CsvTable table, String label, MissingValues missing, long seed) {
    CsvTable labelled = table.withoutMissing(label);
    List<String> features = SchemaInference.allFeatures(labelled, label);
    FeatureSchema probe =
        SchemaInference.infer(labelled, label, features, missing, UnknownCategories.AS_MISSING);
    List<Map<String, Object>> rows = labelled.rowMaps();
    int[] labels = TrainingSet.encode(probe, rows).labels();
    StratifiedSplit split = StratifiedSplit.of(labels, 0.2, seed);
    var trainTable = new CsvTable(labelled.columns(), pick(labelled.rows(), split.train()));
    FeatureSchema schema =
        SchemaInference.infer(trainTable, label, features, missing, UnknownCategories.AS_MISSING);
    List<Map<String, Object>> holdoutRows = pick(rows, split.holdout());
    return new Prepared(
        schema,
        TrainingSet.encode(schema, trainTable.rowMaps()),
        TrainingSet.encode(schema, holdoutRows),
        holdoutRows);
  }

  private static <T> List<T> pick(List<T> all, int[] indices) {
    var picked = new ArrayList<T>(indices.length);
    for (int i : indices) {
      picked.add(all.get(i));
    }
    return picked;
  }

  /** Row-major copy of encoded rows. */
  public static double[] flat(double[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }
}
