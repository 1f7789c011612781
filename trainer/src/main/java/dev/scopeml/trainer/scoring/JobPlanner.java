package dev.scopeml.trainer.scoring;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.servable.RefusedVersionException;
import dev.scopeml.modelstore.queue.Engine;
import dev.scopeml.modelstore.registry.ActiveVersion;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.scoring.chunks.JobSpec;
import dev.scopeml.trainer.scoring.chunks.PinnedModels;
import dev.scopeml.trainer.scoring.input.InputPlan;
import dev.scopeml.trainer.scoring.input.Inputs;
import dev.scopeml.trainer.scoring.output.Layout;
import dev.scopeml.trainer.scoring.output.OutputRef;
import dev.scopeml.trainer.scoring.output.Outputs;
import dev.scopeml.trainer.spark.SparkSubmitter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Checks a scoring job request against the registry and its input, and plans it: the versions
 * pinned (and verified) at submission, the input cut into slices, the output's columns. Everything
 * a request can get wrong is refused here, before anything is stored.
 */
@Component
class JobPlanner {

  static final int DEFAULT_CHUNK_ROWS = 50_000;
  static final double DEFAULT_MAX_ERRORS = 0.01;
  private static final Set<String> OUTPUT_COLUMNS =
      Set.of("input_row", "scope", "version", "fallback", "requested_scope", "label");

  private final ModelStore store;
  private final Inputs inputs;
  private final Outputs outputs;
  private final SparkSubmitter spark;

  JobPlanner(ModelStore store, Inputs inputs, Outputs outputs, SparkSubmitter spark) {
    this.store = store;
    this.inputs = inputs;
    this.outputs = outputs;
    this.spark = spark;
  }

  /**
   * A planned job.
   *
   * @param spec the job as workers read it
   * @param input the input's slices
   * @param maxErrors the most rejected rows tolerated, as a count
   */
  record Plan(JobSpec spec, InputPlan input, long maxErrors) {}

  Plan plan(ScoringJobRequest request) {
    if (request == null) {
      throw ApiException.badRequest("request body is missing: send the job as JSON");
    }
    if (request.model() == null || request.model().isBlank()) {
      throw ApiException.badRequest("model is required").with("field", "model");
    }
    ModelFamily family =
        store
            .family(request.model())
            .orElseThrow(
                () ->
                    ApiException.notFound("model '" + request.model() + "' does not exist")
                        .with("field", "model"));
    Engine engine = engine(request);
    int chunkRows = request.chunkRows() == null ? DEFAULT_CHUNK_ROWS : request.chunkRows();
    if (chunkRows < 100 || chunkRows > 1_000_000) {
      throw ApiException.badRequest("chunkRows must be between 100 and 1,000,000")
          .with("field", "chunkRows");
    }
    Number maxErrors = request.maxErrors() == null ? DEFAULT_MAX_ERRORS : request.maxErrors();
    checkMaxErrors(maxErrors);
    OutputRef output =
        outputs.checked(engine == Engine.SPARK ? SparkJobs.output(request) : request.output());
    Map<ScopeKey, Integer> pinned = pin(family, request.versions());
    List<String> classes = classes(family, pinned);
    InputPlan input = inputs.plan(request.input(), chunkRows);
    if (input.rows() == 0) {
      throw ApiException.badRequest(request.input().describe() + " has no data rows")
          .with("field", "input");
    }
    List<String> carry = carry(request.carry(), input, classes);
    checkColumns(family, pinned, input);
    var carryTypes = new LinkedHashMap<String, String>();
    carry.forEach(c -> carryTypes.put(c, Layout.carriedType(input.types().get(c))));
    var versions = new LinkedHashMap<String, Integer>();
    pinned.forEach((scope, version) -> versions.put(scope.toString(), version));
    Set<String> missing =
        request.missingValues() == null
            ? CsvReader.DEFAULT_MISSING_TOKENS
            : Set.copyOf(request.missingValues());
    var spec =
        new JobSpec(
            family.name(),
            engine.apiName(),
            request.input(),
            input.columns(),
            input.types(),
            input.key(),
            input.rows(),
            chunkRows,
            missing,
            output,
            new Layout(carry, carryTypes, classes),
            family.scopeColumns(),
            versions,
            maxErrors);
    long limit =
        maxErrors.doubleValue() < 1
            ? (long) Math.floor(maxErrors.doubleValue() * input.rows())
            : maxErrors.longValue();
    return new Plan(spec, input, limit);
  }

  /**
   * The engine the request asks for, if this trainer can run it with the request's input.
   *
   * @throws ApiException 400 naming the engines available here
   */
  private Engine engine(ScoringJobRequest request) {
    String name = request.engine() == null ? Engine.TRAINER.apiName() : request.engine();
    Engine engine = Engine.fromApi(name).orElse(null);
    if (engine == Engine.TRAINER) {
      return engine;
    }
    if (engine == Engine.SPARK && spark.available()) {
      SparkJobs.checkInput(request);
      return engine;
    }
    var engines = new TreeSet<>(List.of(Engine.TRAINER.apiName()));
    if (spark.available()) {
      engines.add(Engine.SPARK.apiName());
    }
    throw ApiException.badRequest(
            "engine '" + name + "' is not available here; engines: " + engines)
        .with("field", "engine");
  }

  private static void checkMaxErrors(Number maxErrors) {
    double value = maxErrors.doubleValue();
    boolean ok = value >= 0 && (value < 1 || value == Math.rint(value)) && Double.isFinite(value);
    if (!ok) {
      throw ApiException.badRequest(
              "maxErrors must be a count (a whole number, 0 or more) or a fraction below 1, got "
                  + maxErrors)
          .with("field", "maxErrors");
    }
  }

  /** The versions to score with: the request's, checked, or every active version now. */
  private Map<ScopeKey, Integer> pin(ModelFamily family, Map<String, Integer> requested) {
    var pinned = new LinkedHashMap<ScopeKey, Integer>();
    if (requested == null) {
      for (ActiveVersion active : store.activeVersions(family.name())) {
        pinned.put(active.scope(), active.version());
      }
      if (pinned.isEmpty()) {
        throw ApiException.conflict(
                "model '" + family.name() + "' has no active version to score with")
            .with("field", "model");
      }
      return pinned;
    }
    if (requested.isEmpty()) {
      throw ApiException.badRequest("versions is empty: leave it out to use the active versions")
          .with("field", "versions");
    }
    for (var entry : requested.entrySet()) {
      String field = "versions." + entry.getKey();
      ScopeKey scope;
      try {
        scope = ScopeKey.parse(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(field + ": " + e.getMessage()).with("field", field);
      }
      if (!scope.isGlobal()
          && !Set.copyOf(scope.columns()).equals(Set.copyOf(family.scopeColumns()))) {
        throw ApiException.badRequest(
                "scope '"
                    + scope
                    + "' is not over the model's scope columns "
                    + family.scopeColumns())
            .with("field", field);
      }
      Integer version = entry.getValue();
      if (version == null || store.version(family.name(), scope, version).isEmpty()) {
        throw ApiException.badRequest(
                "model '"
                    + family.name()
                    + "' has no version "
                    + version
                    + " of scope '"
                    + scope
                    + "'")
            .with("field", field);
      }
      pinned.put(scope, version);
    }
    return pinned;
  }

  /** The label classes every pinned version shares, verifying each version as the scorer would. */
  private List<String> classes(ModelFamily family, Map<ScopeKey, Integer> pinned) {
    PinnedModels models;
    try {
      models = PinnedModels.load(store, family.name(), pinned);
    } catch (RefusedVersionException e) {
      throw ApiException.conflict(
              "a pinned version is refused (" + e.reason().label() + "): " + e.getMessage())
          .with("field", "versions");
    }
    List<String> classes = null;
    for (var entry : models.byScope().entrySet()) {
      List<String> own = entry.getValue().version().schema().classes();
      if (classes == null) {
        classes = own;
      } else if (!classes.equals(own)) {
        throw ApiException.conflict(
                "the pinned versions disagree on the label classes: "
                    + classes
                    + " and "
                    + own
                    + " (scope '"
                    + entry.getKey()
                    + "'); pin versions with the same classes")
            .with("field", "versions");
      }
    }
    return classes;
  }

  private static List<String> carry(List<String> requested, InputPlan input, List<String> classes) {
    if (requested == null) {
      return List.of();
    }
    var taken = new HashSet<>(OUTPUT_COLUMNS);
    classes.forEach(c -> taken.add("probability_" + c));
    var carry = new LinkedHashSet<String>();
    for (String column : requested) {
      if (!input.columns().contains(column)) {
        throw ApiException.badRequest(
                "carry column '"
                    + column
                    + "' is not a column of the input; columns: "
                    + input.columns())
            .with("field", "carry");
      }
      if (taken.contains(column) || !carry.add(column)) {
        throw ApiException.badRequest(
                "carry column '" + column + "' repeats, or clashes with an output column")
            .with("field", "carry");
      }
    }
    return new ArrayList<>(carry);
  }

  /** The input must hold the scope columns and every feature of every pinned version. */
  private void checkColumns(ModelFamily family, Map<ScopeKey, Integer> pinned, InputPlan input) {
    for (String column : family.scopeColumns()) {
      if (!input.columns().contains(column)) {
        throw ApiException.badRequest(
                "the input has no scope column '"
                    + column
                    + "'; model '"
                    + family.name()
                    + "' is scoped by "
                    + family.scopeColumns())
            .with("field", "input")
            .with("column", column);
      }
    }
    var absent = new TreeSet<String>();
    for (var entry : pinned.entrySet()) {
      store
          .version(family.name(), entry.getKey(), entry.getValue())
          .ifPresent(
              v -> {
                for (Feature feature : v.schema().features()) {
                  if (!input.columns().contains(feature.name())) {
                    absent.add(feature.name());
                  }
                }
              });
    }
    if (!absent.isEmpty()) {
      throw ApiException.badRequest(
              "the input lacks feature columns " + absent + " of model '" + family.name() + "'")
          .with("field", "input")
          .with("columns", absent);
    }
  }
}
