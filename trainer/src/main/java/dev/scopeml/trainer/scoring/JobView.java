package dev.scopeml.trainer.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scopeml.modelstore.queue.ChunkKind;
import dev.scopeml.modelstore.queue.ChunkRecord;
import dev.scopeml.modelstore.queue.ScoringJobRecord;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.trainer.scoring.chunks.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scoring job as the API shows it: status, progress in rows and chunks, rows per second, the
 * pinned versions, and where its output is. {@code done} counts the input rows of committed chunks
 * ({@code scored} plus {@code rejected}); {@code rowsPerSecond} is {@code done} over the time since
 * the first chunk was claimed (until the job ended). The single-job view also lists its chunks.
 *
 * @param job the job id
 * @param model the model
 * @param engine the engine that runs it
 * @param status queued, running, succeeded, failed or cancelled
 * @param input the input
 * @param output the output as requested
 * @param location where the output is once the job ended (a partial name unless it succeeded)
 * @param partial whether the output is partial: the job ended without succeeding
 * @param rows data rows in the input
 * @param done rows of committed chunks
 * @param scored rows written to the output
 * @param rejected rows written to the rejects
 * @param maxErrors the most rejected rows tolerated
 * @param rowsPerSecond throughput so far
 * @param chunks rows chunks by status, and their total
 * @param failure why the job failed or is failing
 * @param versions the pinned versions by scope
 * @param createdAt submission
 * @param startedAt first claim
 * @param finishedAt end
 * @param chunkList each chunk, in the single-job view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
    String job,
    String model,
    String engine,
    String status,
    String input,
    String output,
    String location,
    Boolean partial,
    long rows,
    long done,
    long scored,
    long rejected,
    long maxErrors,
    double rowsPerSecond,
    Map<String, Integer> chunks,
    String failure,
    Map<String, Integer> versions,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<Map<String, Object>> chunkList) {

  static JobView of(ScoringJobRecord job, List<ChunkRecord> chunks, JsonMapper json) {
    JobSpec spec = json.readValue(job.spec(), JobSpec.class);
    var counts = new LinkedHashMap<String, Integer>();
    counts.put("total", job.totalChunks());
    for (TaskStatus status : TaskStatus.values()) {
      counts.put(status.name().toLowerCase(Locale.ROOT), job.count(status));
    }
    String location = null;
    List<Map<String, Object>> list = null;
    if (chunks != null) {
      list = new ArrayList<>();
      for (ChunkRecord chunk : chunks) {
        JsonNode result = chunk.result() == null ? null : json.readTree(chunk.result());
        if (chunk.kind() == ChunkKind.COMMIT) {
          location = result == null ? null : result.path("output").asString(null);
          continue;
        }
        var entry = new LinkedHashMap<String, Object>();
        entry.put("chunk", chunk.chunk());
        entry.put("status", chunk.status().name().toLowerCase(Locale.ROOT));
        entry.put("attempts", chunk.attempts());
        entry.put("worker", chunk.leaseOwner());
        if (result != null) {
          entry.put("rows", result.path("rows").asLong());
          entry.put("rejected", result.path("rejected").asLong());
          entry.put("seconds", result.path("seconds").asDouble());
          entry.put("stages", result.path("timings"));
        }
        if (chunk.error() != null) {
          entry.put("error", chunk.error());
        }
        list.add(entry);
      }
    }
    Instant end = job.finishedAt() == null ? Instant.now() : job.finishedAt();
    double seconds =
        job.startedAt() == null ? 0 : Duration.between(job.startedAt(), end).toNanos() / 1e9;
    return new JobView(
        job.id().toString(),
        job.model(),
        spec.engine(),
        job.status(),
        spec.input().describe(),
        spec.output().describe(),
        location,
        job.outcome() == null ? null : !job.status().equals("succeeded"),
        spec.rows(),
        job.rows(),
        job.scored(),
        job.rejected(),
        job.maxErrors(),
        seconds > 0 ? Math.round(job.rows() / seconds) : 0,
        counts,
        job.failure(),
        spec.versions(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        list);
  }
}
