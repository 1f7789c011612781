package dev.scopeml.bench.models;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeModel;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * XGBoost on the telco churn rows of one contract type, trained once, stored as many versions as a
 * figure needs. Also writes what the Python peer needs to train the same model: the schema, the
 * CSV, the scope and the parameters.
 */
public final class TelcoModel {

  public static final String MODEL = "churn";
  public static final ScopeKey SCOPE = ScopeKey.of("contract", "Month-to-month");
  public static final long SEED = 42;
  private static final Path CSV = Path.of("datasets/telco_churn.csv");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FeatureSchema schema;
  private final Map<String, Object> params;
  private final List<Map<String, Object>> rows;
  private final ArtifactEnvelope artifact;
  private final FittedModel fitted;
  private final String library;

  private TelcoModel(
      FeatureSchema schema,
      Map<String, Object> params,
      List<Map<String, Object>> rows,
      FittedModel fitted) {
    this.schema = schema;
    this.params = params;
    this.rows = rows;
    this.artifact = fitted.envelope();
    this.fitted = fitted;
    this.library = fitted.library();
  }

  /**
   * Trains {@link #SCOPE} with {@code trees} rounds of depth {@code depth} the way the trainer fits
   * a scope (a stratified 20% holdout, the schema from the training rows).
   */
  public static TelcoModel train(int trees, int depth) {
    DataTable table = CsvReader.read(CSV);
    Algorithm xgboost = Algorithms.byName("xgboost");
    FitSpec spec =
        FitSpec.inferred(
            table,
            "churn",
            List.of("contract"),
            xgboost,
            xgboost.validate(Map.of("trees", trees, "maxDepth", depth, "eta", 0.3)),
            0.2,
            SEED,
            4,
            VersionWriter.REFERENCE_ROWS);
    DataTable data = table.withNumbers(spec.numericFeatures());
    String value = SCOPE.values().get("contract");
    String[] contracts = data.text("contract");
    int[] scopeRows =
        IntStream.range(0, data.size()).filter(r -> value.equals(contracts[r])).toArray();
    ScopeModel model = new ScopeFitter(spec).fitScope(data, spec.labels(data), scopeRows);
    var rows = new ArrayList<Map<String, Object>>(scopeRows.length);
    for (int row : scopeRows) {
      rows.add(table.row(row));
    }
    return new TelcoModel(model.schema().schema(), spec.params(), rows, model.fitted());
  }

  /** Registers the family (once) and stores a new version of {@link #SCOPE}; returns it. */
  public int store(JdbcModelStore store) {
    register(store);
    VersionWriter writer = writer(store);
    return writer.save(SCOPE, artifact, writer.reference(rows, fitted), library, rows.size());
  }

  /** Stores a new version and makes it active; returns it. */
  public int storeAndPromote(JdbcModelStore store) {
    return storeAndPromote(store, SCOPE);
  }

  /**
   * Stores this model as a new version of {@code scope} ({@code contract=<value>}, any value) and
   * makes it active; for figures that need several scopes of realistic size.
   */
  public int storeAndPromote(JdbcModelStore store, ScopeKey scope) {
    register(store);
    VersionWriter writer = writer(store);
    int version =
        writer.save(scope, artifact, writer.reference(rows, fitted), library, rows.size());
    writer.promote(scope, version);
    return version;
  }

  private void register(JdbcModelStore store) {
    if (store.family(MODEL).isEmpty()) {
      store.registerFamily(ModelFamily.of(MODEL, List.of("contract"), schema));
    }
  }

  /** Makes {@code version} the active version of {@link #SCOPE}: one promotion transaction. */
  public void promote(JdbcModelStore store, int version) {
    writer(store).promote(SCOPE, version);
  }

  /** A predict request body with the first {@code instances} rows of the scope, label removed. */
  public String body(int instances) {
    var list = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < instances; i++) {
      Map<String, Object> instance = new LinkedHashMap<>(rows.get(i % rows.size()));
      instance.remove("churn");
      instance.remove("contract");
      list.add(instance);
    }
    return JSON.writeValueAsString(Map.of("scope", SCOPE.values(), "instances", list));
  }

  public Map<String, Object> params() {
    return params;
  }

  /** Writes {@code schema.json} for the Python peer's training script into {@code folder}. */
  public void writePeerSpec(Path folder) {
    var features = new ArrayList<Map<String, Object>>();
    for (Feature feature : schema.features()) {
      features.add(
          Map.of(
              "name", feature.name(), "kind", feature.kind().name(), "levels", feature.levels()));
    }
    var spec = new HashMap<String, Object>();
    spec.put("features", features);
    spec.put("label", schema.label());
    spec.put("classes", schema.classes());
    spec.put("scope", SCOPE.values());
    spec.put("csv", CSV.toAbsolutePath().toString());
    spec.put("params", params);
    spec.put("seed", SEED);
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("schema.json"), JSON.writeValueAsString(spec));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the peer's schema", e);
    }
  }

  private VersionWriter writer(JdbcModelStore store) {
    return new VersionWriter(store, MODEL, schema, params, CSV.getFileName().toString());
  }
}
