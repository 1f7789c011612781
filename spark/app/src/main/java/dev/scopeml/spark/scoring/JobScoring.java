package dev.scopeml.spark.scoring;

import static org.apache.spark.sql.functions.col;

import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.modelstore.queue.ClaimedChunk;
import dev.scopeml.modelstore.queue.ScoringJobRecord;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.VersionArtifact;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.spark.EngineSettings;
import dev.scopeml.spark.Json;
import dev.scopeml.spark.source.SourceFrames;
import dev.scopeml.spark.store.StoreAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a queued scoring job on Spark. The driver holds the job's one rows chunk under a lease,
 * reads the input as a DataFrame numbered in input order, broadcasts the pinned versions'
 * artifacts, has the executors score every row ({@link PartitionScoring}), and writes the scored
 * rows as Parquet partitioned by {@code scope} (one file per scope, rows in input order) and the
 * rejected rows to {@code _rejects}, overwriting what an earlier attempt left. The counts then end
 * the chunk, the queue fails the job if its rejects exceed {@code maxErrors}, and a trainer's
 * worker commits the job as for any engine: {@code _SUCCESS}, or the folder renamed {@code
 * .partial}.
 */
public final class JobScoring {

  private static final Logger log = LoggerFactory.getLogger(JobScoring.class);
  private static final String ROW = "_scopeml_input_row";
  private static final String MALFORMED = "_scopeml_malformed";

  private final SparkSession spark;
  private final StoreAccess access;
  private final EngineSettings settings;

  public JobScoring(SparkSession spark, StoreAccess access, EngineSettings settings) {
    this.spark = spark;
    this.access = access;
    this.settings = settings;
  }

  /**
   * Scores the job if its rows chunk is still to be scored.
   *
   * @return whether the job's rows chunk has ended (scored, or cancelled)
   */
  public boolean score(UUID id) {
    ScoringQueue queue = access.open().scoring();
    String worker = "spark:" + spark.sparkContext().applicationId();
    Optional<ClaimedChunk> claimed = queue.claimRows(id, worker, ChunkLease.LEASE);
    if (claimed.isEmpty()) {
      ScoringJobRecord job =
          queue.job(id).orElseThrow(() -> new IllegalArgumentException("no scoring job " + id));
      log.warn("job {} has no rows chunk to score: it is {}", id, job.status());
      return job.count(TaskStatus.PENDING) + job.count(TaskStatus.RUNNING) == 0;
    }
    ClaimedChunk chunk = claimed.get();
    ScoringSpec spec = Json.read(chunk.spec(), ScoringSpec.class);
    long start = System.nanoTime();
    try (var lease = new ChunkLease(queue, chunk, spark.sparkContext())) {
      try {
        Map<String, Object> result = scoreAndWrite(spec, lease);
        if (lease.stopped().isEmpty()) {
          result.put("seconds", (System.nanoTime() - start) / 1e9);
          result.put("worker", worker);
          result.put("attempt", chunk.attempt());
          log.info("job {}: {}", id, result);
          return queue.complete(chunk, TaskStatus.SUCCEEDED, Json.write(result));
        }
      } catch (RuntimeException e) {
        if (lease.stopped().isEmpty()) {
          log.error("job {} failed on Spark", id, e);
          queue.fail(chunk, "the Spark job failed: " + e.getMessage());
          return false;
        }
      }
      String reason = lease.stopped().orElseThrow();
      log.info("job {} stopped: {}", id, reason);
      return queue.complete(
          chunk,
          TaskStatus.CANCELLED,
          Json.write(Map.of("rows", 0, "scored", 0, "rejected", 0, "reason", reason)));
    }
  }

  private Map<String, Object> scoreAndWrite(ScoringSpec spec, ChunkLease lease) {
    var timings = new LinkedHashMap<String, Double>();
    long lap = System.nanoTime();
    Broadcast<List<VersionArtifact>> pinned =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(artifacts(access.open().models(), spec));
    boolean csv = spec.input().csv() != null;
    Path data = settings.dataDirectory();
    Dataset<Row> input =
        csv
            ? SourceFrames.csvKeepingMalformed(spark, data, spec.input().csv(), MALFORMED)
            : SourceFrames.parquet(spark, data, spec.input().parquet());
    Dataset<Row> numbered = RowNumbers.number(input, ROW);
    Dataset<Row> scored =
        numbered
            .mapPartitions(
                new PartitionScoring(
                    spec,
                    pinned,
                    numbered.schema(),
                    ROW,
                    csv ? MALFORMED : null,
                    csv ? new MissingRule(spec.missingValues(), false) : null),
                Encoders.row(ScoredColumns.schema(input.schema(), spec)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    long rows = 0;
    long rejected = 0;
    for (Row tally : scored.groupBy(col(ScoredColumns.REASON).isNull()).count().collectAsList()) {
      rows += tally.getLong(1);
      rejected += tally.getBoolean(0) ? 0 : tally.getLong(1);
    }
    timings.put("score", seconds(lap));
    lap = System.nanoTime();
    if (lease.stopped().isEmpty()) {
      write(spec, scored, rejected > 0);
    }
    timings.put("write", seconds(lap));
    scored.unpersist();
    var result = new LinkedHashMap<String, Object>();
    result.put("rows", rows);
    result.put("scored", rows - rejected);
    result.put("rejected", rejected);
    result.put("timings", timings);
    return result;
  }

  private void write(ScoringSpec spec, Dataset<Row> scored, boolean rejects) {
    // The job's _SUCCESS is the commit chunk's to write, once the job is known to have succeeded.
    spark
        .sparkContext()
        .hadoopConfiguration()
        .setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
    Path folder = settings.dataDirectory().resolve(spec.output().folder()).toAbsolutePath();
    String codec = spec.output().compression();
    scored
        .filter(col(ScoredColumns.REASON).isNull())
        .select(ScoredColumns.output(spec))
        .repartition(col(ScoredColumns.SCOPE))
        .sortWithinPartitions(ScoredColumns.INPUT_ROW)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", codec)
        .partitionBy(ScoredColumns.SCOPE)
        .parquet(folder.toUri().toString());
    if (rejects) {
      scored
          .filter(col(ScoredColumns.REASON).isNotNull())
          .select(ScoredColumns.rejects(spec))
          .coalesce(1)
          .sortWithinPartitions(ScoredColumns.INPUT_ROW)
          .write()
          .mode(SaveMode.Overwrite)
          .option("compression", codec)
          .parquet(folder.resolve("_rejects").toUri().toString());
    }
  }

  /** The pinned versions' stored artifacts, read once by the driver. */
  private static List<VersionArtifact> artifacts(ModelStore store, ScoringSpec spec) {
    var artifacts = new ArrayList<VersionArtifact>();
    spec.versions()
        .forEach(
            (scope, version) ->
                artifacts.add(
                    store
                        .artifact(spec.model(), ScopeKey.parse(scope), version)
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    spec.model()
                                        + " has no version "
                                        + version
                                        + " of "
                                        + scope))));
    return artifacts;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
