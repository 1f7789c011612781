package dev.scopeml.trainer.runs;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.DefaultFeatures;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.runs.PromotionPolicy;
import dev.scopeml.learning.runs.RunData;
import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.ScopeSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.sources.SourceLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Checks a run request against its data and plans it: defaults, hyperparameters, column kinds,
 * label classes, the family schema and the scopes to train. Everything a request can get wrong is
 * found here, before anything is stored, and answered with a 400 naming the problem.
 */
@Component
class RunPlanner {

  static final String DEFAULT_ALGORITHM = "xgboost";
  static final double DEFAULT_HOLDOUT = 0.2;
  static final long DEFAULT_SEED = 42;
  static final int DEFAULT_MIN_ROWS = 50;
  private static final int SMALLEST_MIN_ROWS = 4;
  private static final int MOST_LEVELS = 100_000;

  private final SourceLoader loader;
  private final int referenceRows;

  RunPlanner(SourceLoader loader, TrainerProperties properties) {
    this.loader = loader;
    this.referenceRows = properties.trainer().referenceRows();
  }

  /**
   * A planned run.
   *
   * @param spec what the workers read
   * @param data the loaded rows, for this trainer's cache
   * @param familySchema the schema over all rows, registered with the family
   * @param scopes the tasks: one per scope, the global scope last when asked for
   */
  record Plan(RunSpec spec, RunData data, FeatureSchema familySchema, List<ScopeKey> scopes) {}

  Plan plan(RunRequest request) {
    if (request == null) {
      throw ApiException.badRequest("a run needs a JSON body").with("field", "body");
    }
    String model = required(request.model(), "model");
    if (!JdbcModelStore.isValidModelName(model)) {
      throw ApiException.badRequest(
              "model name '"
                  + model
                  + "' must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter"
                  + " or digit")
          .with("field", "model");
    }
    String label = required(request.label(), "label");
    List<String> scopeBy = distinct(request.scopeBy(), "scopeBy");
    if (scopeBy.contains(label)) {
      throw ApiException.badRequest("label '" + label + "' cannot also be a scope column")
          .with("field", "scopeBy");
    }
    String algorithmName = request.algorithm() == null ? DEFAULT_ALGORITHM : request.algorithm();
    Algorithm algorithm;
    try {
      algorithm = Algorithms.byName(algorithmName);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage()).with("field", "algorithm");
    }
    Map<String, Object> params = algorithm.validate(request.params());
    double holdout = request.holdout() == null ? DEFAULT_HOLDOUT : request.holdout();
    if (!(holdout >= 0.05 && holdout <= 0.5)) {
      throw ApiException.badRequest("holdout must be between 0.05 and 0.5, got " + holdout)
          .with("field", "holdout");
    }
    int minRows = request.minRows() == null ? DEFAULT_MIN_ROWS : request.minRows();
    if (minRows < SMALLEST_MIN_ROWS) {
      throw ApiException.badRequest(
              "minRows must be at least " + SMALLEST_MIN_ROWS + ", got " + minRows)
          .with("field", "minRows");
    }
    int maxLevels =
        request.maxLevels() == null ? ScopeSchema.DEFAULT_MAX_LEVELS : request.maxLevels();
    if (maxLevels < 2 || maxLevels > MOST_LEVELS) {
      throw ApiException.badRequest(
              "maxLevels must be between 2 and " + MOST_LEVELS + ", got " + maxLevels)
          .with("field", "maxLevels");
    }
    boolean global = request.global() == null ? scopeBy.isEmpty() : request.global();
    PromotionPolicy policy = policy(request.promote());
    PromotionPolicy.Metric metric = metric(request.promote());
    List<ScopeKey> filter = scopeFilter(request.scopes(), scopeBy);
    if (scopeBy.isEmpty() && !global) {
      throw ApiException.badRequest("nothing to train: no scopeBy columns and global is false")
          .with("field", "global");
    }

    Set<String> missingValues = missingValues(request.missingValues());
    DataTable loaded = loader.load(request.source(), scopeBy, filter, missingValues);
    if (!loaded.hasColumn(label)) {
      throw ApiException.badRequest(
              "label column '" + label + "' is not in the data; columns: " + loaded.columnNames())
          .with("field", "label")
          .with("column", label);
    }
    String[] labelValues = loaded.text(label);
    DataTable labelled = loaded.filter(row -> labelValues[row] != null);
    if (labelled.size() == 0) {
      throw ApiException.badRequest("every row's label '" + label + "' is missing")
          .with("field", "label");
    }
    List<String> classes = classes(labelled, label);
    DefaultFeatures defaults = DefaultFeatures.of(labelled, label, scopeBy);
    List<String> features = features(request.features(), defaults, labelled, label);
    Map<String, FeatureKind> kinds = kinds(labelled, features, request.types());
    var spec =
        new RunSpec(
            model,
            request.source(),
            label,
            scopeBy,
            filter,
            missingValues,
            features,
            request.features() == null ? defaults.excluded() : Map.of(),
            kinds,
            classes,
            algorithm.name(),
            params,
            holdout,
            request.seed() == null ? DEFAULT_SEED : request.seed(),
            minRows,
            global,
            policy,
            metric,
            maxLevels);
    RunData data = RunData.prepare(spec, loaded, referenceRows);
    FeatureSchema familySchema;
    try {
      familySchema =
          ScopeSchema.build(
                  features,
                  kinds,
                  featureColumns(data.table(), features),
                  data.rows(ScopeKey.global()),
                  label,
                  classes,
                  algorithm.missingValues(),
                  maxLevels)
              .schema();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the features have no values: " + features)
          .with("field", "features");
    }

    var scopes = new ArrayList<ScopeKey>();
    for (ScopeKey wanted : filter) {
      if (!data.scopeRows().containsKey(wanted)) {
        throw ApiException.badRequest("scope " + wanted + " has no labelled rows in the data")
            .with("field", "scopes")
            .with("scope", wanted.toString());
      }
    }
    scopes.addAll(data.scopeRows().keySet());
    if (global) {
      scopes.add(ScopeKey.global());
    }
    if (scopes.isEmpty()) {
      throw ApiException.badRequest("no row has a value in every scope column " + scopeBy)
          .with("field", "scopeBy");
    }
    return new Plan(spec, data, familySchema, List.copyOf(scopes));
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required").with("field", field);
    }
    return value;
  }

  private static List<String> distinct(List<String> values, String field) {
    if (values == null) {
      return List.of();
    }
    var seen = new HashSet<String>();
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw ApiException.badRequest("'" + field + "' holds an empty column name")
            .with("field", field);
      }
      if (!seen.add(value)) {
        throw ApiException.badRequest("'" + field + "' names column '" + value + "' twice")
            .with("field", field);
      }
    }
    return List.copyOf(values);
  }

  private static PromotionPolicy policy(RunRequest.PromotionRequest promote) {
    if (promote == null || promote.policy() == null) {
      return PromotionPolicy.IF_BETTER;
    }
    return PromotionPolicy.fromApi(promote.policy())
        .orElseThrow(
            () ->
                ApiException.badRequest(
                        "unknown promotion policy '"
                            + promote.policy()
                            + "'; use always, never or if-better")
                    .with("field", "promote.policy"));
  }

  private static PromotionPolicy.Metric metric(RunRequest.PromotionRequest promote) {
    if (promote == null || promote.metric() == null) {
      return PromotionPolicy.Metric.AUC;
    }
    return PromotionPolicy.Metric.fromKey(promote.metric())
        .orElseThrow(
            () ->
                ApiException.badRequest(
                        "unknown promotion metric '"
                            + promote.metric()
                            + "'; use auc, accuracy, macroF1 or logLoss")
                    .with("field", "promote.metric"));
  }

  private static Set<String> missingValues(List<String> requested) {
    if (requested == null) {
      return CsvReader.DEFAULT_MISSING_TOKENS;
    }
    for (String token : requested) {
      if (token == null || token.isBlank() || !token.equals(token.trim())) {
        throw ApiException.badRequest(
                "'missingValues' holds "
                    + (token == null ? "null" : "'" + token + "'")
                    + ": give each token without surrounding spaces; an empty field is always"
                    + " missing")
            .with("field", "missingValues");
      }
    }
    return Set.copyOf(requested);
  }

  private static List<ScopeKey> scopeFilter(
      List<Map<String, String>> scopes, List<String> scopeBy) {
    if (scopes == null || scopes.isEmpty()) {
      return List.of();
    }
    if (scopeBy.isEmpty()) {
      throw ApiException.badRequest("'scopes' needs 'scopeBy' columns").with("field", "scopes");
    }
    var keys = new ArrayList<ScopeKey>();
    for (Map<String, String> scope : scopes) {
      if (scope == null || !new TreeSet<>(scope.keySet()).equals(new TreeSet<>(scopeBy))) {
        throw ApiException.badRequest(
                "each scope must give a value for exactly the scopeBy columns "
                    + scopeBy
                    + ", got "
                    + (scope == null ? "null" : scope.keySet()))
            .with("field", "scopes");
      }
      ScopeKey key;
      try {
        key = ScopeKey.of(scope);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("scope " + scope + ": " + e.getMessage())
            .with("field", "scopes");
      }
      if (keys.contains(key)) {
        throw ApiException.badRequest("scope " + key + " is listed twice").with("field", "scopes");
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  private static List<String> classes(DataTable labelled, String label) {
    List<String> classes = FitSpec.classes(labelled, label);
    if (classes.size() < 2) {
      throw ApiException.badRequest(
              "label '" + label + "' has a single class " + classes + ": nothing to learn")
          .with("field", "label");
    }
    return classes;
  }

  private static List<String> features(
      List<String> requested, DefaultFeatures defaults, DataTable table, String label) {
    if (requested == null) {
      if (defaults.features().isEmpty()) {
        throw ApiException.badRequest(
                "the data has no column left to use as a feature"
                    + (defaults.excluded().isEmpty()
                        ? ""
                        : "; left out: " + defaults.excluded().keySet() + " (unique per row)"))
            .with("field", "features");
      }
      return defaults.features();
    }
    List<String> features = distinct(requested, "features");
    if (features.isEmpty()) {
      throw ApiException.badRequest("'features' must name at least one column")
          .with("field", "features");
    }
    for (String feature : features) {
      if (feature.equals(label)) {
        throw ApiException.badRequest("label '" + label + "' cannot also be a feature")
            .with("field", "features")
            .with("column", feature);
      }
      if (!table.hasColumn(feature)) {
        throw ApiException.badRequest(
                "feature column '"
                    + feature
                    + "' is not in the data; columns: "
                    + table.columnNames())
            .with("field", "features")
            .with("column", feature);
      }
    }
    return features;
  }

  /**
   * Infers each feature's kind (numeric when every value is a number the row encoder accepts) and
   * applies the request's overrides; a column declared numeric must hold only numbers.
   */
  private static Map<String, FeatureKind> kinds(
      DataTable table, List<String> features, Map<String, String> types) {
    Map<String, String> overrides = types == null ? Map.of() : types;
    for (var override : overrides.entrySet()) {
      if (!features.contains(override.getKey())) {
        throw ApiException.badRequest(
                "types names '" + override.getKey() + "', which is not a feature of this run")
            .with("field", "types")
            .with("column", override.getKey());
      }
      String type = override.getValue() == null ? "" : override.getValue().toLowerCase(Locale.ROOT);
      if (!type.equals("numeric") && !type.equals("categorical")) {
        throw ApiException.badRequest(
                "type of '"
                    + override.getKey()
                    + "' must be numeric or categorical, got '"
                    + override.getValue()
                    + "'")
            .with("field", "types")
            .with("column", override.getKey());
      }
    }
    var kinds = new LinkedHashMap<String, FeatureKind>();
    for (String feature : features) {
      String declared = overrides.get(feature);
      var column = (ColumnValues.Text) table.column(feature);
      if (declared == null) {
        kinds.put(feature, column.inferredKind());
      } else if (declared.equalsIgnoreCase("numeric")) {
        int firstNonNumeric = column.firstNonNumber();
        if (firstNonNumeric >= 0) {
          throw ApiException.badRequest(
                  "column '"
                      + feature
                      + "' is declared numeric but holds '"
                      + column.values()[firstNonNumeric]
                      + "' (data row "
                      + (firstNonNumeric + 1)
                      + ")")
              .with("field", "types")
              .with("column", feature);
        }
        kinds.put(feature, FeatureKind.NUMERIC);
      } else {
        kinds.put(feature, FeatureKind.CATEGORICAL);
      }
    }
    return kinds;
  }

  private static Map<String, ColumnValues> featureColumns(DataTable table, List<String> features) {
    var columns = new LinkedHashMap<String, ColumnValues>();
    features.forEach(feature -> columns.put(feature, table.column(feature)));
    return columns;
  }
}
