package dev.scopeml.trainer.training;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.Evaluation;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeSkippedException;
import dev.scopeml.learning.fitting.ScopeSplit;
import dev.scopeml.learning.runs.RunData;
import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.sources.SourceLoader;
import dev.scopeml.trainer.workers.Outcome;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains one task's scope in stages: load (the run's data, once per trainer), then the fitter's
 * split, encode, fit and evaluate, then envelope (the version to store) and store (the version and
 * its promotion by the run's policy, in one transaction); each stage's time is in the task's
 * result. Between stages it tells the worker where it is, stops if the worker lost the task, and
 * ends the task as cancelled if the run was.
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
    var report = new TaskReport(task);
    RunData run = load(task);
    report.lap("load");
    if (control.stopsAt(TaskPhase.LOADED)) {
      return new Outcome.Abandoned("stopped after loading");
    }
    ScopeFitter fitter = run.fitter();
    int scopeRows = run.rows(task.scope()).length;
    try {
      ScopeSplit split = fitter.split(run.rows(task.scope()), run.labels());
      report.lap("split");
      if (queue.cancelRequested(task.runId())) {
        return report.cancelled(scopeRows);
      }
      EncodedScope encoded = fitter.encode(run.table(), split);
      report.lap("encode");
      FittedModel fitted = fitter.fit(encoded);
      metrics.fitted(fitter.spec().algorithm().name(), Duration.ofNanos(report.lap("fit")));
      if (control.stopsAt(TaskPhase.FITTED)) {
        return new Outcome.Abandoned("stopped after fitting");
      }
      Evaluation evaluation = fitter.evaluate(run.table(), encoded, fitted);
      report.lap("evaluate");
      if (queue.cancelRequested(task.runId())) {
        return report.cancelled(scopeRows);
      }
      NewModelVersion stored =
          fitter
              .model(encoded, fitted, evaluation)
              .version(
                  run.spec().model(),
                  task.scope(),
                  task.runId(),
                  run.spec().source().describe(),
                  clock.instant());
      report.lap("envelope");
      ModelVersion version =
          run.spec().store(store, task.runId(), "trainer " + task.worker(), stored);
      report.lap("store");
      if (control.stopsAt(TaskPhase.STORED)) {
        return new Outcome.Abandoned("stopped after storing version " + version.version());
      }
      return report.trained(encoded, evaluation, version);
    } catch (ScopeSkippedException e) {
      return report.skipped(scopeRows, e.reason());
    }
  }

  /** The run's prepared data: loaded by the run's first task on this trainer, then shared. */
  private RunData load(ClaimedTask task) {
    return cache.get(
        task.runId(),
        () -> {
          RunSpec spec = json.readValue(task.spec(), RunSpec.class);
          return RunData.prepare(
              spec,
              loader.load(spec.source(), spec.scopeBy(), spec.scopes(), spec.missingValues()),
              referenceRows);
        });
  }
}
