package dev.scopeml.trainer.training;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.learning.evaluation.Metrics;
import dev.scopeml.learning.evaluation.StratifiedSplit;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.RowEncoder;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.runs.PromotionPolicy;
import dev.scopeml.trainer.runs.RunSpec;
import dev.scopeml.trainer.sources.SourceLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains one task's scope: picks the scope's rows from the run's (cached) data, skips it with a
 * reason when it is too small or has one class, splits a stratified holdout, builds the scope's
 * schema, encodes, fits, evaluates, stores the version with its metrics and reference sample, and
 * promotes it by the run's policy.
 *
 * <p>Safe to repeat: the version is stored idempotently per run, and promotion of a version that is
 * already active changes nothing, so a task retried after a crash yields one version and at most
 * one promotion.
 */
@Component
class ScopeTrainer {

  private final SourceLoader loader;
  private final RunDataCache cache;
  private final ModelStore store;
  private final TrainingQueue queue;
  private final JsonMapper json;
  private final TrainingMetrics metrics;
  private final Clock clock;
  private final int referenceRows;

  ScopeTrainer(
      SourceLoader loader,
      RunDataCache cache,
      ModelStore store,
      TrainingQueue queue,
      JsonMapper json,
      TrainingMetrics metrics,
      Clock clock,
      TrainerProperties properties) {
    this.loader = loader;
    this.cache = cache;
    this.store = store;
    this.queue = queue;
    this.json = json;
    this.metrics = metrics;
    this.clock = clock;
    this.referenceRows = properties.trainer().referenceRows();
  }

  Outcome train(ClaimedTask task, TaskControl control) {
    var clockStart = System.nanoTime();
    var timings = new Timings();
    RunSpec spec = json.readValue(task.spec(), RunSpec.class);
    RunData data =
        cache.get(
            task.runId(),
            () ->
                RunData.prepare(
                    loader.load(
                        spec.source(),
                        spec.scopeBy(),
                        spec.scopes().stream().map(ScopeKey::parse).toList()),
                    spec.label(),
                    spec.scopeBy()));
    timings.lap("load");
    control.reached(TaskPhase.LOADED);
    if (control.abandoned()) {
      return new Outcome.Abandoned("stopped after loading");
    }

    CsvTable table = data.table();
    int[] rows = data.rows(task.scope());
    int[] labels = labels(table, rows, spec);
    Skip skip = new Skip(task, rows.length, timings, clockStart);
    if (rows.length == 0) {
      return skip.because("the data has no labelled rows for this scope");
    }
    if (rows.length < spec.minRows()) {
      return skip.because(rows.length + " rows, below minRows " + spec.minRows());
    }
    if (Arrays.stream(labels).distinct().count() < 2) {
      return skip.because(
          "a single label class '"
              + spec.classes().get(labels[0])
              + "' in "
              + rows.length
              + " rows");
    }
    StratifiedSplit split = StratifiedSplit.of(labels, spec.holdout(), spec.seed());
    if (split.holdout().length == 0
        || Arrays.stream(split.train()).map(i -> labels[i]).distinct().count() < 2) {
      return skip.because(
          "too few rows per class to hold out " + spec.holdout() + " and still fit");
    }
    if (queue.cancelRequested(task.runId())) {
      return cancelled(task, rows.length, timings, clockStart);
    }

    Algorithm algorithm = Algorithms.byName(spec.algorithm());
    int[] trainRows = select(rows, split.train());
    int[] holdoutRows = select(rows, split.holdout());
    ScopeSchema scopeSchema;
    try {
      scopeSchema =
          ScopeSchema.build(
              table,
              trainRows,
              spec.features(),
              spec.kinds(),
              spec.label(),
              spec.classes(),
              algorithm.missingValues());
    } catch (IllegalArgumentException e) {
      return skip.because(e.getMessage());
    }
    RowEncoder encoder = scopeSchema.schema().encoder();
    TrainingSet training = TrainingSet.encode(scopeSchema.schema(), maps(table, trainRows));
    List<Map<String, Object>> holdoutMaps = maps(table, holdoutRows);
    double[][] holdout = new double[holdoutRows.length][];
    for (int i = 0; i < holdout.length; i++) {
      holdout[i] = encoder.encode(holdoutMaps.get(i));
    }
    int[] holdoutLabels = select(labels, split.holdout());
    timings.lap("encode");

    Map<String, Object> params = algorithm.validate(spec.params());
    FittedModel fitted = algorithm.fit(training, params, spec.seed());
    metrics.fitted(algorithm.name(), Duration.ofNanos(timings.lap("fit")));
    control.reached(TaskPhase.FITTED);
    if (control.abandoned()) {
      return new Outcome.Abandoned("stopped after fitting");
    }

    double[][] probabilities = new double[holdout.length][spec.classes().size()];
    for (int i = 0; i < holdout.length; i++) {
      fitted.predictor().predict(holdout[i], probabilities[i]);
    }
    Map<String, Double> scores =
        finite(Metrics.evaluate(holdoutLabels, probabilities, spec.classes()));
    ReferenceSample reference =
        ReferenceCheck.build(holdoutMaps, fitted.predictor(), encoder, referenceRows);
    timings.lap("evaluate");
    if (queue.cancelRequested(task.runId())) {
      return cancelled(task, rows.length, timings, clockStart);
    }

    var artifact = fitted.envelope();
    timings.lap("serialize");
    ModelVersion version =
        storeAndPromote(
            spec,
            task,
            new NewModelVersion(
                spec.model(),
                task.scope(),
                algorithm.name(),
                params,
                scores,
                scopeSchema.schema(),
                reference,
                new Provenance(
                    task.runId(),
                    spec.source().describe(),
                    trainRows.length,
                    holdoutRows.length,
                    clock.instant(),
                    fitted.library(),
                    Runtime.version().toString()),
                artifact));
    timings.lap("store");
    control.reached(TaskPhase.STORED);
    if (control.abandoned()) {
      return new Outcome.Abandoned("stopped after storing version " + version.version());
    }
    boolean promoted = version.active();

    return new Outcome.Ended(
        TaskStatus.SUCCEEDED,
        new TaskResult(
            rows.length,
            trainRows.length,
            holdoutRows.length,
            version.version(),
            scores,
            promoted,
            seconds(System.nanoTime() - clockStart),
            timings.seconds(),
            null,
            scopeSchema.dropped().isEmpty() ? null : scopeSchema.dropped(),
            task.worker(),
            task.attempt()));
  }

  /**
   * Stores the version and promotes it by the run's policy in one transaction. A retried task gets
   * its earlier version back, active if an earlier attempt promoted it.
   */
  private ModelVersion storeAndPromote(RunSpec spec, ClaimedTask task, NewModelVersion version) {
    PromotionPolicy policy = spec.promotionPolicy();
    if (policy == PromotionPolicy.NEVER) {
      return store.saveVersion(version);
    }
    return store.saveAndPromoteIf(
        version,
        "trainer " + task.worker(),
        "run " + task.runId() + ", policy " + policy.apiName() + " on " + spec.metric(),
        policy.condition(spec.promotionMetric()));
  }

  private static int[] labels(CsvTable table, int[] rows, RunSpec spec) {
    int column = table.columnIndex(spec.label());
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      String value = table.rows().get(rows[i]).get(column);
      labels[i] = spec.classes().indexOf(value);
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "label '" + value + "' is not one of the run's classes " + spec.classes());
      }
    }
    return labels;
  }

  private static int[] select(int[] values, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = values[positions[i]];
    }
    return out;
  }

  private static List<Map<String, Object>> maps(CsvTable table, int[] rows) {
    var out = new ArrayList<Map<String, Object>>(rows.length);
    for (int row : rows) {
      out.add(table.row(row));
    }
    return out;
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

  private static Outcome cancelled(ClaimedTask task, int rows, Timings timings, long start) {
    return new Outcome.Ended(
        TaskStatus.CANCELLED,
        TaskResult.notTrained(
            rows,
            "the run was cancelled",
            seconds(System.nanoTime() - start),
            timings.seconds(),
            task.worker(),
            task.attempt()));
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Builds the skipped outcome of a task. */
  private record Skip(ClaimedTask task, int rows, Timings timings, long start) {

    Outcome because(String reason) {
      return new Outcome.Ended(
          TaskStatus.SKIPPED,
          TaskResult.notTrained(
              rows,
              reason,
              seconds(System.nanoTime() - start),
              timings.seconds(),
              task.worker(),
              task.attempt()));
    }
  }

  /** Wall time per phase, measured lap by lap. */
  private static final class Timings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Ends the phase {@code name}; returns its nanoseconds. */
    long lap(String name) {
      long now = System.nanoTime();
      long took = now - last;
      last = now;
      seconds.merge(name, ScopeTrainer.seconds(took), Double::sum);
      return took;
    }

    Map<String, Double> seconds() {
      return Map.copyOf(seconds);
    }
  }
}
