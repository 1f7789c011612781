package dev.scopeml.learning;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** The real data sets shipped as test resources, read once per test JVM. */
public final class TestData {

  private static final Map<String, DataTable> TABLES = new ConcurrentHashMap<>();

  private TestData() {}

  /** Telco customer churn: 7,043 rows, label {@code churn} (No/Yes), 11 missing total_charges. */
  public static DataTable telco() {
    return table("telco_churn.csv");
  }

  /** MLC churn: 5,000 rows, label {@code churn} (no/yes), 51 states. */
  public static DataTable mlcChurn() {
    return table("mlc_churn.csv");
  }

  private static DataTable table(String file) {
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
   * A table split and encoded for training the way the trainer fits a scope ({@link ScopeFitter}):
   * every other column a feature, kinds inferred, a stratified 20% holdout, the schema built from
   * the training rows.
   *
   * @param schema built from the training rows only
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
  public static Prepared prepare(DataTable table, String label, MissingValues missing, long seed) {
    // Any algorithm with the wanted missing-value policy: the data is encoded, nothing is fitted.
    Algorithm algorithm =
        Algorithms.byName(missing == MissingValues.NATIVE ? "xgboost" : "smile-logit");
    FitSpec spec =
        FitSpec.inferred(
            table, label, List.of(), algorithm, algorithm.validate(Map.of()), 0.2, seed, 4, 0);
    DataTable data = table.withNumbers(spec.numericFeatures());
    var fitter = new ScopeFitter(spec);
    int[] all = IntStream.range(0, data.size()).toArray();
    EncodedScope encoded = fitter.encode(data, fitter.split(all, spec.labels(data)));
    FeatureSchema schema = encoded.schema().schema();
    var holdoutRows = new ArrayList<Map<String, Object>>();
    for (int row : encoded.split().holdoutRows()) {
      holdoutRows.add(data.row(row));
    }
    return new Prepared(
        schema,
        encoded.training(),
        new TrainingSet(schema, encoded.holdout(), encoded.split().holdoutLabels()),
        holdoutRows);
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
