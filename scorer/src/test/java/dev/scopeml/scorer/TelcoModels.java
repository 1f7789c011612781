package dev.scopeml.scorer;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeModel;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Models of the real telco churn data, trained per {@code contract} scope with the same library
 * code the trainer uses, and turned into versions to store. The fitted predictor stays with the
 * test: it is the trainer-side answer the scorer must reproduce.
 */
public final class TelcoModels {

  public static final String MODEL = "churn";
  public static final String LABEL = "churn";
  public static final String SCOPE_COLUMN = "contract";
  public static final List<String> CONTRACTS = List.of("Month-to-month", "One year", "Two year");

  private static DataTable table;

  private TelcoModels() {}

  /**
   * A model trained on one scope.
   *
   * @param scope its scope
   * @param schema the schema inferred from its training rows
   * @param fitted the trained model, with its trainer-side predictor
   * @param holdout holdout rows as a client would send them (every column, label included)
   * @param reference the reference sample stored with it
   */
  public record Trained(
      ScopeKey scope,
      FeatureSchema schema,
      FittedModel fitted,
      List<Map<String, Object>> holdout,
      ReferenceSample reference) {

    /** The version to store, with a reference sample that may differ from the true one. */
    public NewModelVersion toVersion(ReferenceSample storedReference) {
      return new NewModelVersion(
          MODEL,
          scope,
          "xgboost",
          Map.of("trees", 20),
          Map.of("holdout_rows", (double) holdout.size()),
          schema,
          storedReference,
          new Provenance(
              null,
              "datasets/telco_churn.csv",
              0,
              holdout.size(),
              Instant.now(),
              fitted.library(),
              Runtime.version().toString()),
          fitted.envelope());
    }

    public NewModelVersion toVersion() {
      return toVersion(reference);
    }

    /** Trainer-side probabilities of a raw row. */
    public double[] expected(Map<String, Object> row) {
      double[] out = new double[fitted.predictor().classCount()];
      fitted.predictor().predict(schema.encoder().encode(row), out);
      return out;
    }
  }

  /** The real data set, read once. */
  public static synchronized DataTable table() {
    if (table == null) {
      // Tests run in the module directory, benchmarks launched by Maven in the repository root.
      Path file = Path.of("..", "datasets", "telco_churn.csv");
      table =
          CsvReader.read(file.toFile().exists() ? file : Path.of("datasets", "telco_churn.csv"));
    }
    return table;
  }

  /** The family registered for these models. */
  public static ModelFamily family(FeatureSchema schema) {
    return ModelFamily.of(MODEL, List.of(SCOPE_COLUMN), schema);
  }

  /**
   * Trains the scope {@code contract=value}, or the global scope when {@code value} is null, the
   * way the trainer fits a scope.
   *
   * @param trees boosting rounds; different counts give different versions of one scope
   */
  public static Trained train(String contract, int trees, long seed) {
    Algorithm xgboost = Algorithms.byName("xgboost");
    String[] labels = table().text(LABEL);
    DataTable labelled = table().filter(row -> labels[row] != null);
    FitSpec spec =
        FitSpec.inferred(
            labelled,
            LABEL,
            List.of(SCOPE_COLUMN),
            xgboost,
            xgboost.validate(Map.of("trees", trees, "maxDepth", 4)),
            0.2,
            seed,
            4,
            25);
    DataTable data = labelled.withNumbers(spec.numericFeatures());
    String[] contracts = data.text(SCOPE_COLUMN);
    int[] rows =
        IntStream.range(0, data.size())
            .filter(row -> contract == null || contract.equals(contracts[row]))
            .toArray();
    ScopeModel model = new ScopeFitter(spec).fitScope(data, spec.labels(data), rows);
    var holdout = new ArrayList<Map<String, Object>>();
    for (int row : model.split().holdoutRows()) {
      holdout.add(labelled.row(row));
    }
    return new Trained(
        contract == null ? ScopeKey.global() : ScopeKey.of(SCOPE_COLUMN, contract),
        model.schema().schema(),
        model.fitted(),
        holdout,
        model.evaluation().reference());
  }
}
