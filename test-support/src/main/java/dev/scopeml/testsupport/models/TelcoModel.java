package dev.scopeml.testsupport.models;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.learning.data.SchemaInference;
import dev.scopeml.learning.evaluation.StratifiedSplit;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.UnknownCategories;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one trained model of the tests and benchmarks: XGBoost on the bundled telco churn data, for
 * one {@code contract} scope (or every row: the global scope), trained the way the trainer trains a
 * scope. A stratified 20% of the scope's rows is held out; the schema (levels, fill values) is
 * inferred from the training rows; the reference sample stored with a version is predicted on
 * holdout rows. The fitted model stays with the caller: its predictor is the trainer-side answer a
 * scorer must reproduce.
 */
public final class TelcoModel {

  public static final String MODEL = "churn";
  public static final String LABEL = "churn";
  public static final String SCOPE_COLUMN = "contract";
  public static final List<String> CONTRACTS = List.of("Month-to-month", "One year", "Two year");

  /** Where the scorer's native API predicts with this model. */
  public static final String PREDICT = "/v1/models/" + MODEL + "/predict";

  /** The scope the scorer-tier and reliability tests serve. */
  public static final ScopeKey ONE_YEAR = ScopeKey.of(SCOPE_COLUMN, "One year");

  private static final String SOURCE = "telco_churn.csv";
  private static final double HOLDOUT = 0.2;

  /** The trainer's default number of reference rows stored with a version. */
  private static final int REFERENCE_ROWS = 20;

  private static final Algorithm XGBOOST = Algorithms.byName("xgboost");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static CsvTable table;

  private final ScopeKey scope;
  private final Map<String, Object> params;
  private final long seed;
  private final CsvTable training;
  private final List<Map<String, Object>> holdout;
  private final FeatureSchema schema;
  private final FittedModel fitted;
  private final ReferenceSample reference;

  private TelcoModel(
      ScopeKey scope,
      Map<String, Object> params,
      long seed,
      CsvTable training,
      List<Map<String, Object>> holdout,
      FeatureSchema schema,
      FittedModel fitted,
      ReferenceSample reference) {
    this.scope = scope;
    this.params = params;
    this.seed = seed;
    this.training = training;
    this.holdout = holdout;
    this.schema = schema;
    this.fitted = fitted;
    this.reference = reference;
  }

  /**
   * Trains the scope {@code contract=<contract>}, or the global scope when {@code contract} is
   * null. Different tree counts give different models of one scope, to store as successive
   * versions.
   */
  public static TelcoModel train(String contract, int trees, int depth, long seed) {
    CsvTable all = table().withoutMissing(LABEL);
    int column = all.columnIndex(SCOPE_COLUMN);
    CsvTable scoped =
        contract == null
            ? all
            : new CsvTable(
                all.columns(),
                all.rows().stream().filter(row -> contract.equals(row.get(column))).toList());
    return trainScope(
        contract == null ? ScopeKey.global() : ScopeKey.of(SCOPE_COLUMN, contract),
        scoped,
        XGBOOST.validate(Map.of("trees", trees, "maxDepth", depth)),
        seed);
  }

  /**
   * {@link #ONE_YEAR} with 20 trees of depth 4, stored and promoted: the small real model the tier
   * and reliability tests serve.
   */
  public static TelcoModel servingOneYear(ModelStore store) {
    TelcoModel model = train("One year", 20, 4, 42);
    model.storeAndPromote(store);
    return model;
  }

  /**
   * The trainer's steps for one scope, in one place so that the fixture can follow the trainer's
   * own code path once that is reusable: hold out, infer the schema from the training rows, fit,
   * and predict the reference sample on holdout rows.
   */
  private static TelcoModel trainScope(
      ScopeKey scope, CsvTable scoped, Map<String, Object> params, long seed) {
    List<String> features =
        SchemaInference.allFeatures(scoped, LABEL).stream()
            .filter(name -> !name.equals(SCOPE_COLUMN))
            .toList();
    List<Map<String, Object>> rows = scoped.rowMaps();
    int[] labels = TrainingSet.encode(infer(scoped, features), rows).labels();
    StratifiedSplit split = StratifiedSplit.of(labels, HOLDOUT, seed);
    var trainRows = new ArrayList<List<String>>();
    var holdout = new ArrayList<Map<String, Object>>();
    for (int i : split.train()) {
      trainRows.add(scoped.rows().get(i));
    }
    for (int i : split.holdout()) {
      holdout.add(rows.get(i));
    }
    CsvTable training = new CsvTable(scoped.columns(), trainRows);
    FeatureSchema schema = infer(training, features);
    FittedModel fitted = XGBOOST.fit(TrainingSet.encode(schema, training.rowMaps()), params, seed);
    ReferenceSample reference =
        ReferenceCheck.build(holdout, fitted.predictor(), schema.encoder(), REFERENCE_ROWS);
    return new TelcoModel(scope, params, seed, training, holdout, schema, fitted, reference);
  }

  private static FeatureSchema infer(CsvTable rows, List<String> features) {
    return SchemaInference.infer(
        rows, LABEL, features, XGBOOST.missingValues(), UnknownCategories.AS_MISSING);
  }

  /** The bundled data set, read once per JVM. */
  private static synchronized CsvTable table() {
    if (table == null) {
      table = CsvReader.read(Repository.file("datasets/" + SOURCE));
    }
    return table;
  }

  public ScopeKey scope() {
    return scope;
  }

  /** The validated xgboost parameters it was trained with. */
  public Map<String, Object> params() {
    return params;
  }

  public long seed() {
    return seed;
  }

  public FeatureSchema schema() {
    return schema;
  }

  /** The trained model, with its trainer-side predictor. */
  public FittedModel fitted() {
    return fitted;
  }

  /** The rows it was fitted on, as read from the CSV file (every column, label included). */
  public CsvTable training() {
    return training;
  }

  /** Holdout rows as a client would send them (every column, label included). */
  public List<Map<String, Object>> holdout() {
    return holdout;
  }

  /** The reference sample stored with it. */
  public ReferenceSample reference() {
    return reference;
  }

  /** The family its versions belong to, with its schema. */
  public ModelFamily family() {
    return ModelFamily.of(MODEL, List.of(SCOPE_COLUMN), schema);
  }

  /** The version to store for its own scope. */
  public NewModelVersion toVersion() {
    return toVersion(scope, reference);
  }

  /** The version to store, with a reference sample that may differ from the true one. */
  public NewModelVersion toVersion(ReferenceSample storedReference) {
    return toVersion(scope, storedReference);
  }

  private NewModelVersion toVersion(ScopeKey under, ReferenceSample storedReference) {
    return new NewModelVersion(
        MODEL,
        under,
        XGBOOST.name(),
        params,
        Map.of(),
        schema,
        storedReference,
        new Provenance(
            null,
            SOURCE,
            training.size(),
            holdout.size(),
            Instant.now(),
            fitted.library(),
            Runtime.version().toString()),
        fitted.envelope());
  }

  /** Trainer-side probabilities of a raw row. */
  public double[] expected(Map<String, Object> row) {
    double[] out = new double[fitted.predictor().classCount()];
    fitted.predictor().predict(schema.encoder().encode(row), out);
    return out;
  }

  /** Registers the family if it is new and stores a new version of its scope; returns it. */
  public int store(ModelStore store) {
    return store(store, scope);
  }

  /** Stores a new version of its scope and makes it active; returns it. */
  public int storeAndPromote(ModelStore store) {
    return storeAndPromote(store, scope);
  }

  /**
   * Stores this model as a new version of another scope ({@code contract=<value>}, any value) and
   * makes it active: many scopes of realistic size without training each.
   */
  public int storeAndPromote(ModelStore store, ScopeKey under) {
    int version = store(store, under);
    store.promote(MODEL, under, version, "fixture", "test fixture");
    return version;
  }

  /** Makes {@code version} of its scope the active one: one promotion transaction. */
  public void promote(ModelStore store, int version) {
    store.promote(MODEL, scope, version, "fixture", "test fixture");
  }

  private int store(ModelStore store, ScopeKey under) {
    if (store.family(MODEL).isEmpty()) {
      store.registerFamily(family());
    }
    return store.saveVersion(toVersion(under, reference)).version();
  }

  /**
   * A predict request body for its scope with {@code instances} rows of the scope (training rows
   * first), label and scope column left out: the scope is named once, in the body.
   */
  public String body(int instances) {
    var list = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < instances; i++) {
      Map<String, Object> instance = new LinkedHashMap<>(training.row(i % training.size()));
      instance.remove(LABEL);
      instance.remove(SCOPE_COLUMN);
      list.add(instance);
    }
    return JSON.writeValueAsString(Map.of("scope", scope.values(), "instances", list));
  }
}
