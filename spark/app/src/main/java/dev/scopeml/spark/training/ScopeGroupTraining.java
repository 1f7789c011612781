package dev.scopeml.spark.training;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.Evaluation;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeSkippedException;
import dev.scopeml.learning.fitting.ScopeSplit;
import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.learning.runs.RunData;
import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.learning.runs.StageTimes;
import dev.scopeml.learning.runs.TaskResult;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.spark.Json;
import dev.scopeml.spark.store.StoreAccess;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;

/**
 * Trains one scope in an executor from its group of rows, in source order, with the trainer's
 * stages: load (the group made a table and prepared as the run plans), split, encode, fit,
 * evaluate, envelope, store. Marks the scope's task running, then ended with the same result a
 * trainer's worker records.
 *
 * <p>Safe under Spark's retries and stage resubmissions: a task already ended is not trained again,
 * and one that an attempt lost after storing gets its stored version back ({@link RunSpec#store} is
 * idempotent per run and scope), so each scope has one version and at most one promotion.
 */
final class ScopeGroupTraining implements FlatMapGroupsFunction<String, Row, String> {

  private final UUID run;
  private final String spec;
  private final List<String> columns;
  private final StoreAccess access;
  private final int referenceRows;
  private final long maxScopeRows;
  private transient RunSpec parsed;

  /**
   * @param spec the run's spec JSON, as queued
   * @param columns the source's columns, in source order
   * @param referenceRows holdout rows stored with each version
   * @param maxScopeRows the most rows a scope may have: a larger one is refused, not trained
   */
  ScopeGroupTraining(
      UUID run,
      String spec,
      List<String> columns,
      StoreAccess access,
      int referenceRows,
      long maxScopeRows) {
    this.run = run;
    this.spec = spec;
    this.columns = List.copyOf(columns);
    this.access = access;
    this.referenceRows = referenceRows;
    this.maxScopeRows = maxScopeRows;
  }

  @Override
  public Iterator<String> call(String key, Iterator<Row> rows) {
    ScopeKey scope = ScopeKey.parse(key);
    StoreAccess.Stores stores = access.open();
    TrainingQueue queue = stores.training();
    String worker = "spark executor " + SparkEnv.get().executorId();
    int attempt = TaskContext.get().attemptNumber() + 1;
    if (!queue.startEngineTask(run, scope, worker)) {
      return List.of(key + " already ended").iterator();
    }
    RunSpec runSpec = runSpec();
    var times = new StageTimes();
    RunData data;
    try {
      DataTable table =
          GroupTable.of(
              columns,
              rows,
              MissingRule.of(runSpec.source(), runSpec.missingValues()),
              maxScopeRows);
      data = RunData.prepare(runSpec, table, referenceRows);
    } catch (TooManyRowsException | IllegalArgumentException e) {
      // Too many rows, or rows that no longer fit the plan (text in a numeric column, an unknown
      // class): no retry helps.
      queue.endEngineTask(run, scope, TaskStatus.FAILED, null, e.getMessage());
      return List.of(key + " failed").iterator();
    }
    times.lap("load");
    TaskResult result;
    TaskStatus status;
    try {
      result = train(runSpec, data, scope, stores, times, worker, attempt);
      status = TaskStatus.SUCCEEDED;
    } catch (ScopeSkippedException e) {
      result = TaskResult.notTrained(data.rows(scope).length, e.reason(), times, worker, attempt);
      status = TaskStatus.SKIPPED;
    }
    queue.endEngineTask(run, scope, status, Json.write(result), null);
    return List.of(key + " " + status.name().toLowerCase(java.util.Locale.ROOT)).iterator();
  }

  private TaskResult train(
      RunSpec runSpec,
      RunData data,
      ScopeKey scope,
      StoreAccess.Stores stores,
      StageTimes times,
      String worker,
      int attempt) {
    ScopeFitter fitter = data.fitter();
    ScopeSplit split = fitter.split(data.rows(scope), data.labels());
    times.lap("split");
    EncodedScope encoded = fitter.encode(data.table(), split);
    times.lap("encode");
    FittedModel fitted = fitter.fit(encoded);
    times.lap("fit");
    Evaluation evaluation = fitter.evaluate(data.table(), encoded, fitted);
    times.lap("evaluate");
    NewModelVersion stored =
        fitter
            .model(encoded, fitted, evaluation)
            .version(runSpec.model(), scope, run, runSpec.source().describe(), Instant.now());
    times.lap("envelope");
    ModelVersion version = runSpec.store(stores.models(), run, worker, stored);
    times.lap("store");
    return TaskResult.trained(encoded, evaluation, version, times, worker, attempt);
  }

  private RunSpec runSpec() {
    if (parsed == null) {
      parsed = Json.read(spec, RunSpec.class);
    }
    return parsed;
  }
}
