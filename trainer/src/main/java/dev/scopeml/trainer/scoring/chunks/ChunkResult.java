package dev.scopeml.trainer.scoring.chunks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What a worker records when it ends a chunk, stored as the chunk's result JSON. A rows chunk's
 * {@code rows}, {@code scored} and {@code rejected} are what the queue adds up for the job.
 *
 * @param rows input rows of the chunk: scored plus rejected
 * @param scored rows written to the output
 * @param rejected rows written to the rejects
 * @param seconds the attempt's wall time
 * @param timings seconds per stage: read, score, write (rows chunks), finish (commit chunk)
 * @param outcome the commit chunk's verdict on the job: succeeded, failed or cancelled
 * @param output the commit chunk's final output location
 * @param reason why a chunk was cancelled or the job did not succeed
 * @param worker the worker that ended the chunk
 * @param attempt which claim of the chunk this was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkResult(
    Long rows,
    Long scored,
    Long rejected,
    Double seconds,
    Map<String, Double> timings,
    String outcome,
    String output,
    String reason,
    String worker,
    Integer attempt) {}
