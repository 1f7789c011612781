package dev.scopeml.learning.fitting;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.evaluation.Metrics;
import dev.scopeml.learning.evaluation.StratifiedSplit;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.RowEncoder;
import dev.scopeml.modelstore.schema.ScopeSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one scope's model in stages: {@link #split}, {@link #encode} (which builds the scope's
 * schema), {@link #fit}, {@link #evaluate}. Callers that need nothing between the stages call
 * {@link #fitScope}. Stateless apart from the run's spec, so one instance serves every scope of a
 * run on any number of threads.
 */
public final class ScopeFitter {

  private final FitSpec spec;

  public ScopeFitter(FitSpec spec) {
    this.spec = spec;
  }

  public FitSpec spec() {
    return spec;
  }

  /**
   * Every stage in turn.
   *
   * @param labels each table row's class index, -1 where missing ({@link FitSpec#labels})
   * @param rows the scope's rows, indices into {@code table}
   * @throws ScopeSkippedException if the scope cannot be fitted, saying why
   */
  public ScopeModel fitScope(DataTable table, int[] labels, int[] rows) {
    EncodedScope encoded = encode(table, split(rows, labels));
    FittedModel fitted = fit(encoded);
    return model(encoded, fitted, evaluate(table, encoded, fitted));
  }

  /** The stored form of the stages' results. */
  public ScopeModel model(EncodedScope encoded, FittedModel fitted, Evaluation evaluation) {
    return new ScopeModel(
        encoded.split(),
        encoded.schema(),
        fitted,
        evaluation,
        spec.algorithm().name(),
        spec.params());
  }

  /**
   * Splits the scope's labelled rows into a stratified holdout and the rest.
   *
   * @throws ScopeSkippedException for a scope without rows, below {@code minRows}, of one class, or
   *     too small to hold out a share of each class and still fit
   */
  public ScopeSplit split(int[] rows, int[] labels) {
    int[] labelled = Arrays.stream(rows).filter(row -> labels[row] >= 0).toArray();
    int[] scopeLabels = select(labels, labelled);
    if (labelled.length == 0) {
      throw new ScopeSkippedException("the data has no labelled rows for this scope");
    }
    if (labelled.length < spec.minRows()) {
      throw new ScopeSkippedException(labelled.length + " rows, below minRows " + spec.minRows());
    }
    if (Arrays.stream(scopeLabels).distinct().count() < 2) {
      throw new ScopeSkippedException(
          "a single label class '"
              + spec.classes().get(scopeLabels[0])
              + "' in "
              + labelled.length
              + " rows");
    }
    StratifiedSplit split = StratifiedSplit.of(scopeLabels, spec.holdout(), spec.seed());
    int[] trainLabels = select(scopeLabels, split.train());
    if (split.holdout().length == 0 || Arrays.stream(trainLabels).distinct().count() < 2) {
      throw new ScopeSkippedException(
          "too few rows per class to hold out " + spec.holdout() + " and still fit");
    }
    return new ScopeSplit(
        labelled,
        select(labelled, split.train()),
        trainLabels,
        select(labelled, split.holdout()),
        select(scopeLabels, split.holdout()));
  }

  /**
   * Builds the scope's schema from its training rows and encodes both parts straight from the
   * table's columns.
   *
   * @throws ScopeSkippedException if no feature has a value in the training rows
   */
  public EncodedScope encode(DataTable table, ScopeSplit split) {
    var columns = new LinkedHashMap<String, ColumnValues>();
    for (String feature : spec.features()) {
      columns.put(feature, table.column(feature));
    }
    ScopeSchema schema;
    try {
      schema =
          ScopeSchema.build(
              spec.features(),
              spec.kinds(),
              columns,
              split.trainRows(),
              spec.label(),
              spec.classes(),
              spec.algorithm().missingValues(),
              spec.maxLevels());
    } catch (IllegalArgumentException e) {
      throw new ScopeSkippedException(e.getMessage());
    }
    FeatureSchema features = schema.schema();
    List<ColumnValues> used = features.featureNames().stream().map(columns::get).toList();
    RowEncoder encoder = features.encoder();
    return new EncodedScope(
        split,
        schema,
        new TrainingSet(features, encoder.encode(used, split.trainRows()), split.trainLabels()),
        encoder.encode(used, split.holdoutRows()));
  }

  /** Fits the algorithm on the encoded training rows. */
  public FittedModel fit(EncodedScope encoded) {
    return spec.algorithm().fit(encoded.training(), spec.params(), spec.seed());
  }

  /** Holdout metrics and the reference sample stored with the version. */
  public Evaluation evaluate(DataTable table, EncodedScope encoded, FittedModel fitted) {
    double[][] holdout = encoded.holdout();
    double[][] probabilities = new double[holdout.length][spec.classes().size()];
    for (int i = 0; i < holdout.length; i++) {
      fitted.predictor().predict(holdout[i], probabilities[i]);
    }
    Map<String, Double> metrics =
        finite(Metrics.evaluate(encoded.split().holdoutLabels(), probabilities, spec.classes()));
    FeatureSchema schema = encoded.schema().schema();
    int[] holdoutRows = encoded.split().holdoutRows();
    int count = Math.min(spec.referenceRows(), holdoutRows.length);
    var rows = new ArrayList<Map<String, ?>>(count);
    for (int i = 0; i < count; i++) {
      rows.add(clientRow(table, schema, holdoutRows[i]));
    }
    // From the library's own prediction: replaying it proves the scorer's predictor agrees.
    ReferenceSample reference =
        ReferenceCheck.build(rows, fitted.libraryPredictor(), schema.encoder(), count);
    return new Evaluation(metrics, reference);
  }

  /** A row's feature values as a client would send them: missing values left out. */
  private static Map<String, Object> clientRow(DataTable table, FeatureSchema schema, int row) {
    var values = new LinkedHashMap<String, Object>();
    for (String feature : schema.featureNames()) {
      Object value = table.column(feature).value(row);
      if (value != null) {
        values.put(feature, value);
      }
    }
    return values;
  }

  /** JSON has no NaN: a metric that is undefined on this holdout (AUC of one class) is left out. */
  private static Map<String, Double> finite(Map<String, Double> scores) {
    var out = new LinkedHashMap<String, Double>();
    scores.forEach(
        (name, value) -> {
          if (value != null && Double.isFinite(value)) {
            out.put(name, value);
          }
        });
    return out;
  }

  private static int[] select(int[] values, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = values[positions[i]];
    }
    return out;
  }
}
