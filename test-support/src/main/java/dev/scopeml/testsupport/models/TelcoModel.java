package dev.scopeml.testsupport.models;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeModel;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one trained model of the tests and benchmarks: XGBoost on the bundled telco churn data, for
 * one {@code contract} scope (or every row: the global scope), trained the way the trainer trains a
 * scope, through the trainer's own {@link ScopeFitter}: a stratified 20% of the scope's rows is
 * held out; the schema (levels, fill values) is built from the training rows; the reference sample
 * stored with a version is xgboost's own prediction of holdout rows. The fitted model stays with
 * the caller: its predictor is the trainer-side answer a scorer must reproduce.
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
  private static DataTable table;

  private final ScopeKey scope;
  private final Map<String, Object> params;
  private final long seed;
  private final DataTable training;
  private final List<Map<String, Object>> holdout;
  private final FeatureSchema schema;
  private final FittedModel fitted;
  private final ReferenceSample reference;

  private TelcoModel(
      ScopeKey scope,
      Map<String, Object> params,
      long seed,
      DataTable training,
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
    String[] contracts = table().text(SCOPE_COLUMN);
    int[] rows =
        IntStream.range(0, table().size())
            .filter(row -> contract == null || contract.equals(contracts[row]))
            .toArray();
    return trainScope(
        contract == null ? ScopeKey.global() : ScopeKey.of(SCOPE_COLUMN, contract),
        rows,
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
   * The trainer's own steps for one scope ({@link ScopeFitter}): the run's spec inferred as for a
   * run that names no features or types, a stratified holdout, the schema from the training rows,
   * the fit, and the reference sample the fitting library predicts on holdout rows.
   */
  private static TelcoModel trainScope(
      ScopeKey scope, int[] rows, Map<String, Object> params, long seed) {
    DataTable text = table();
    FitSpec spec =
        FitSpec.inferred(
            text, LABEL, List.of(SCOPE_COLUMN), XGBOOST, params, HOLDOUT, seed, 4, REFERENCE_ROWS);
    DataTable data = text.withNumbers(spec.numericFeatures());
    ScopeModel model = new ScopeFitter(spec).fitScope(data, spec.labels(data), rows);
    var holdout = new ArrayList<Map<String, Object>>();
    for (int row : model.split().holdoutRows()) {
      holdout.add(text.row(row));
    }
    return new TelcoModel(
        scope,
        params,
        seed,
        text.select(model.split().trainRows()),
        holdout,
        model.schema().schema(),
        model.fitted(),
        model.evaluation().reference());
  }

  /** The bundled data set, read once per JVM, as text: every row has a label. */
  private static synchronized DataTable table() {
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

  /**
   * The rows it was fitted on, as read from the CSV file (every column as text, label included).
   */
  public DataTable training() {
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
    return JSON.writeValueAsString(Map.of("scope", scope.values(), "instances", rows(instances)));
  }

  /**
   * A stream request for its scope: the predict body of {@link #body(int)} with the model named in
   * it, as the scorers' Kafka trigger reads it.
   */
  public byte[] streamRequest(int instances) {
    var request = new LinkedHashMap<String, Object>();
    request.put("model", MODEL);
    request.put("scope", scope.values());
    request.put("instances", rows(instances));
    return JSON.writeValueAsBytes(request);
  }

  private List<Map<String, Object>> rows(int instances) {
    var list = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < instances; i++) {
      Map<String, Object> instance = new LinkedHashMap<>(training.row(i % training.size()));
      instance.remove(LABEL);
      instance.remove(SCOPE_COLUMN);
      list.add(instance);
    }
    return list;
  }
}
