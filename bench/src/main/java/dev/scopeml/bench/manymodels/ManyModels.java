package dev.scopeml.bench.manymodels;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many scopes of one model ({@code shop=s00000} …), each a real XGBoost fit: 200 generated rows of
 * 10 numeric features whose label follows weights drawn per scope, 20 boosting rounds of depth 4.
 * Fitted, stored and promoted on as many threads as there are cores.
 */
final class ManyModels {

  static final String MODEL = "shops";
  static final int FEATURES = 10;
  static final int ROWS = 200;
  static final Map<String, Object> PARAMS = Map.of("trees", 20, "maxDepth", 4);

  private final int scopes;
  private final FeatureSchema schema;

  ManyModels(int scopes) {
    this.scopes = scopes;
    var features = new ArrayList<Feature>();
    for (int f = 0; f < FEATURES; f++) {
      features.add(Feature.numeric("x" + f, 0));
    }
    this.schema =
        new FeatureSchema(features, "label", List.of("no", "yes"), MissingValues.NATIVE, null);
  }

  static String scopeName(int i) {
    return "s%05d".formatted(i);
  }

  int scopes() {
    return scopes;
  }

  /** Fits, stores and promotes every scope; returns the seconds it took. */
  double trainAndStore(JdbcModelStore store) throws Exception {
    Algorithm xgboost = Algorithms.byName("xgboost");
    Map<String, Object> params = xgboost.validate(PARAMS);
    store.registerFamily(ModelFamily.of(MODEL, List.of("shop"), schema));
    var writer = new VersionWriter(store, MODEL, schema, params, "generated");
    long start = System.nanoTime();
    int threads = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      var done = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < scopes; i += threads) {
                    ScopeKey scope = ScopeKey.of("shop", scopeName(i));
                    TrainingSet data = data(i);
                    FittedModel fitted = xgboost.fit(data, params, i);
                    int version =
                        writer.save(
                            scope,
                            fitted.envelope(),
                            writer.reference(rowMaps(data), fitted),
                            fitted.library(),
                            ROWS);
                    writer.promote(scope, version);
                    if (i % 1000 == 0) {
                      System.err.printf("[many models] %d of %d stored%n", i, scopes);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A one-row predict request body for scope {@code i}. */
  String body(int i) {
    var random = new SplittableRandom(1_000_000L + i);
    var instance = new LinkedHashMap<String, Object>();
    for (int f = 0; f < FEATURES; f++) {
      instance.put("x" + f, Math.round(random.nextDouble(-2, 2) * 1000) / 1000.0);
    }
    return "{\"scope\":{\"shop\":\"%s\"},\"instances\":[%s]}"
        .formatted(scopeName(i), json(instance));
  }

  private TrainingSet data(int scope) {
    var random = new SplittableRandom(scope);
    double[] weights = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      weights[f] = random.nextGaussian();
    }
    double[][] rows = new double[ROWS][FEATURES];
    int[] labels = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      double score = 0;
      for (int f = 0; f < FEATURES; f++) {
        rows[r][f] = random.nextDouble(-2, 2);
        score += weights[f] * rows[r][f];
      }
      labels[r] = score + random.nextGaussian() > 0 ? 1 : 0;
    }
    // Both classes must occur for xgboost; with these weights they always do, but be sure.
    labels[0] = 0;
    labels[1] = 1;
    return new TrainingSet(schema, rows, labels);
  }

  /** The first reference rows of a training set as column to value maps, as a client sends them. */
  private static List<Map<String, Object>> rowMaps(TrainingSet data) {
    var maps = new ArrayList<Map<String, Object>>();
    for (int r = 0; r < VersionWriter.REFERENCE_ROWS; r++) {
      var row = new LinkedHashMap<String, Object>();
      for (int f = 0; f < FEATURES; f++) {
        row.put("x" + f, data.rows()[r][f]);
      }
      maps.add(row);
    }
    return maps;
  }

  private static String json(Map<String, Object> instance) {
    var text = new StringBuilder("{");
    for (var entry : instance.entrySet()) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append('"')
          .append(entry.getKey())
          .append("\":")
          .append(String.format(Locale.ROOT, "%s", entry.getValue()));
    }
    return text.append('}').toString();
  }
}
