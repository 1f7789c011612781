package dev.scopeml.spark.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.learning.runs.SourceRef;
import dev.scopeml.modelstore.queue.RunRecord;
import dev.scopeml.modelstore.queue.TaskRecord;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.spark.EngineSettings;
import dev.scopeml.spark.Json;
import dev.scopeml.spark.source.JdbcAccess;
import dev.scopeml.spark.source.SourceFrames;
import dev.scopeml.spark.store.StoreAccess;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a queued run on Spark. The driver reads the run's spec and tasks, the source as a
 * DataFrame, keys each row by its scope (and, for a run with a global task, every row once more by
 * the global scope), and has the executors train one group each ({@link ScopeGroupTraining}), which
 * refuses a scope as soon as it has more rows than an executor may hold, without a pass of its own.
 * Whatever the executors did not end (a scope without rows, a job Spark gave up on) the driver
 * fails with the reason, so the run always ends.
 */
public final class RunTraining {

  private static final Logger log = LoggerFactory.getLogger(RunTraining.class);
  private static final String SCOPE = "_scopeml_scope";

  private final SparkSession spark;
  private final StoreAccess access;
  private final EngineSettings settings;

  public RunTraining(SparkSession spark, StoreAccess access, EngineSettings settings) {
    this.spark = spark;
    this.access = access;
    this.settings = settings;
  }

  /**
   * Trains the run's scopes that have not ended.
   *
   * @return whether every task of the run ended before the application
   * @throws IllegalArgumentException if there is no such run
   */
  public boolean train(UUID id) {
    TrainingQueue queue = access.open().training();
    RunRecord run = queue.run(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
    RunSpec spec = Json.read(run.spec(), RunSpec.class);
    List<String> open =
        queue.tasks(id).stream()
            .filter(task -> !task.status().isTerminal())
            .map(TaskRecord::scope)
            .map(ScopeKey::toString)
            .toList();
    try {
      if (!open.isEmpty()) {
        trainScopes(id, run.spec(), spec, open);
      }
      return queue.failUnfinished(id, "the source has no rows for this scope") == 0;
    } catch (RuntimeException e) {
      log.error("run {} failed on Spark", id, e);
      queue.failUnfinished(id, "the Spark job failed: " + e.getMessage());
      throw e;
    }
  }

  private void trainScopes(UUID id, String specJson, RunSpec spec, List<String> open) {
    Dataset<Row> source = SourceFrames.numbered(text(spec.source()));
    List<String> columns =
        Arrays.stream(source.columns()).filter(c -> !c.equals(SourceFrames.ROW)).toList();
    Dataset<Row> keyed = keyed(source, spec, open);
    var training =
        new ScopeGroupTraining(
            id, specJson, columns, access, settings.referenceRows(), settings.maxScopeRows());
    List<String> ended =
        keyed
            .groupByKey((MapFunction<Row, String>) row -> row.getAs(SCOPE), Encoders.STRING())
            .flatMapSortedGroups(new Column[] {col(SourceFrames.ROW)}, training, Encoders.STRING())
            .collectAsList();
    log.info("run {}: {} scopes trained on Spark: {}", id, ended.size(), ended);
  }

  /**
   * The run's source with every column as text, as the trainer reads it: a CSV's fields, a typed
   * source's values (Parquet, JDBC) rendered as text.
   */
  private Dataset<Row> text(SourceRef source) {
    if (source.csv() != null) {
      return SourceFrames.csv(spark, settings.dataDirectory(), source.csv());
    }
    Dataset<Row> typed =
        source.parquet() != null
            ? SourceFrames.parquet(spark, settings.dataDirectory(), source.parquet())
            : SourceFrames.jdbc(spark, JdbcAccess.fromEnvironment());
    return SourceFrames.asText(typed);
  }

  /** The source's rows keyed by the open scopes they train, in {@link #SCOPE}. */
  private Dataset<Row> keyed(Dataset<Row> source, RunSpec spec, List<String> open) {
    String global = ScopeKey.global().toString();
    Column[] scopeColumns =
        spec.scopeBy().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Dataset<Row> scoped =
        scopeColumns.length == 0
            ? source.withColumn(SCOPE, lit(null).cast(DataTypes.StringType))
            : source.withColumn(
                SCOPE,
                udf(
                        new ScopeKeys(
                            spec.scopeBy(), MissingRule.of(spec.source(), spec.missingValues())),
                        DataTypes.StringType)
                    .apply(struct(scopeColumns)));
    if (!spec.scopes().isEmpty()) {
      // A run restricted to some scopes reads only their rows, for the global model too.
      scoped =
          scoped.filter(col(SCOPE).isin(spec.scopes().stream().map(ScopeKey::toString).toArray()));
    }
    Dataset<Row> keyed =
        scoped.filter(col(SCOPE).isin(open.stream().filter(k -> !k.equals(global)).toArray()));
    if (open.contains(global)) {
      keyed = keyed.unionByName(scoped.withColumn(SCOPE, lit(global)));
    }
    return keyed;
  }
}
