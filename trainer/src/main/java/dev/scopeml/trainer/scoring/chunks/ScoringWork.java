package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.modelstore.queue.ChunkKind;
import dev.scopeml.modelstore.queue.ClaimedChunk;
import dev.scopeml.modelstore.queue.JobOutcome;
import dev.scopeml.modelstore.queue.ScoringJobRecord;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.trainer.scoring.input.ChunkRows;
import dev.scopeml.trainer.scoring.input.Inputs;
import dev.scopeml.trainer.scoring.input.Slice;
import dev.scopeml.trainer.scoring.output.Outputs;
import dev.scopeml.trainer.scoring.output.ScoredChunk;
import dev.scopeml.trainer.workers.Lease;
import dev.scopeml.trainer.workers.Outcome;
import dev.scopeml.trainer.workers.WorkKind;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scoring chunks as work of the worker pool. A rows chunk reads its slice, scores it ({@link
 * ChunkScorer}) and commits its output, checking between stages whether the job was cancelled or is
 * failing; the commit chunk decides the job's outcome and ends its output. Logs carry {@code job},
 * {@code model}, {@code chunk} and {@code attempt} in the MDC.
 */
@Component
class ScoringWork implements WorkKind<ClaimedChunk> {

  private static final Logger log = LoggerFactory.getLogger(ScoringWork.class);

  private final ScoringQueue queue;
  private final JobContexts contexts;
  private final Inputs inputs;
  private final Outputs outputs;
  private final ScoringMetrics metrics;
  private final JsonMapper json;
  private final List<ChunkListener> listeners;

  ScoringWork(
      ScoringQueue queue,
      JobContexts contexts,
      Inputs inputs,
      Outputs outputs,
      ScoringMetrics metrics,
      JsonMapper json,
      List<ChunkListener> listeners) {
    this.queue = queue;
    this.contexts = contexts;
    this.inputs = inputs;
    this.outputs = outputs;
    this.metrics = metrics;
    this.json = json;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Optional<ClaimedChunk> claim(String worker, Duration lease) {
    return queue.claim(worker, lease);
  }

  @Override
  public boolean heartbeat(ClaimedChunk chunk, Duration lease) {
    return queue.heartbeat(chunk, lease);
  }

  @Override
  public Outcome run(ClaimedChunk chunk, Lease lease) throws IOException, SQLException {
    long start = System.nanoTime();
    JobSpec spec = contexts.get(chunk.jobId(), chunk.spec()).spec();
    if (chunk.kind() == ChunkKind.COMMIT) {
      return finish(chunk, spec, start);
    }
    PinnedModels models = contexts.get(chunk.jobId(), chunk.spec()).models();
    if (stopsAt(ChunkPhase.CLAIMED, chunk, lease)) {
      return new Outcome.Abandoned("stopped once claimed");
    }
    Optional<String> stop = queue.stopReason(chunk.jobId());
    if (stop.isPresent()) {
      return cancelled(chunk, stop.get(), start);
    }
    Slice slice = json.readValue(chunk.slice(), Slice.class);
    var timings = new LinkedHashMap<String, Double>();
    long lap = System.nanoTime();
    ChunkRows rows =
        inputs.read(
            spec.input(),
            spec.orderedInputTypes(),
            spec.key(),
            slice,
            spec.layout().carry(),
            spec.missingValues());
    lap = lap(timings, "read", lap);
    ScoredChunk scored = new ChunkScorer(spec, models).score(rows);
    lap = lap(timings, "score", lap);
    if (stopsAt(ChunkPhase.SCORED, chunk, lease)) {
      return new Outcome.Abandoned("stopped after scoring");
    }
    stop = queue.stopReason(chunk.jobId());
    if (stop.isPresent()) {
      return cancelled(chunk, stop.get(), start);
    }
    outputs.write(
        spec.output(), spec.layout(), chunk.chunk(), slice.firstRow(), slice.endRow(), scored);
    lap(timings, "write", lap);
    if (stopsAt(ChunkPhase.COMMITTED, chunk, lease)) {
      return new Outcome.Abandoned("stopped after committing its output");
    }
    long done = scored.rows().size();
    long rejected = scored.rejects().size();
    return new Outcome.Ended(
        TaskStatus.SUCCEEDED,
        new ChunkResult(
            done + rejected,
            done,
            rejected,
            seconds(start),
            timings,
            null,
            null,
            null,
            chunk.worker(),
            chunk.attempt()));
  }

  /** The commit chunk: every rows chunk has ended; decide the job's outcome and end its output. */
  private Outcome finish(ClaimedChunk chunk, JobSpec spec, long start)
      throws IOException, SQLException {
    ScoringJobRecord job =
        queue.job(chunk.jobId()).orElseThrow(() -> new IllegalStateException("no job"));
    JobOutcome outcome;
    String reason;
    if (job.cancelRequested()) {
      outcome = JobOutcome.CANCELLED;
      reason = "cancelled";
    } else if (job.failure() != null || job.count(TaskStatus.SUCCEEDED) < job.totalChunks()) {
      outcome = JobOutcome.FAILED;
      reason = job.failure() == null ? "a chunk did not succeed" : job.failure();
    } else {
      outcome = JobOutcome.SUCCEEDED;
      reason = null;
    }
    var summary = new LinkedHashMap<String, Object>();
    summary.put("job", job.id().toString());
    summary.put("status", outcome.apiName());
    summary.put("reason", reason);
    summary.put("chunksCommitted", job.count(TaskStatus.SUCCEEDED));
    summary.put("chunks", job.totalChunks());
    summary.put("rows", job.rows());
    summary.put("scored", job.scored());
    summary.put("rejected", job.rejected());
    String location = outputs.finish(spec.output(), outcome, json.writeValueAsString(summary));
    log.info("job {} {}: output at {}", job.id(), outcome.apiName(), location);
    return new Outcome.Ended(
        TaskStatus.SUCCEEDED,
        new ChunkResult(
            null,
            null,
            null,
            seconds(start),
            Map.of("finish", seconds(start)),
            outcome.apiName(),
            location,
            reason,
            chunk.worker(),
            chunk.attempt()));
  }

  private Outcome cancelled(ClaimedChunk chunk, String reason, long start) {
    return new Outcome.Ended(
        TaskStatus.CANCELLED,
        new ChunkResult(
            0L,
            0L,
            0L,
            seconds(start),
            Map.of(),
            null,
            null,
            reason,
            chunk.worker(),
            chunk.attempt()));
  }

  private boolean stopsAt(ChunkPhase phase, ClaimedChunk chunk, Lease lease) {
    for (ChunkListener listener : listeners) {
      listener.reached(phase, chunk);
    }
    return lease.abandoned();
  }

  @Override
  public boolean complete(ClaimedChunk chunk, Outcome.Ended ended) {
    var result = (ChunkResult) ended.result();
    String text = json.writeValueAsString(result);
    if (chunk.kind() == ChunkKind.COMMIT) {
      return queue.finish(
          chunk, JobOutcome.valueOf(result.outcome().toUpperCase(java.util.Locale.ROOT)), text);
    }
    if (!queue.complete(chunk, ended.status(), text)) {
      return false;
    }
    if (ended.status() == TaskStatus.SUCCEEDED) {
      metrics.rows(result.scored(), result.rejected());
      log.info(
          "chunk {} scored {} rows, rejected {} in {} s",
          chunk.chunk(),
          result.scored(),
          result.rejected(),
          String.format(java.util.Locale.ROOT, "%.2f", result.seconds()));
    }
    return true;
  }

  @Override
  public Optional<TaskStatus> fail(ClaimedChunk chunk, String error) {
    return queue.fail(chunk, error);
  }

  @Override
  public Map<String, String> logContext(ClaimedChunk chunk) {
    return Map.of(
        "job", chunk.jobId().toString(),
        "model", chunk.model(),
        "chunk", Integer.toString(chunk.chunk()),
        "attempt", Integer.toString(chunk.attempt()));
  }

  @Override
  public String describe(ClaimedChunk chunk) {
    return (chunk.kind() == ChunkKind.COMMIT
            ? "commit of job "
            : "chunk " + chunk.chunk() + " of job ")
        + chunk.jobId()
        + " (attempt "
        + chunk.attempt()
        + ")";
  }

  @Override
  public void counted(String status) {
    metrics.chunkEnded(status);
  }

  private static long lap(Map<String, Double> timings, String stage, long since) {
    long now = System.nanoTime();
    timings.put(stage, (now - since) / 1e9);
    return now;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
