package dev.scopeml.trainer.scoring;

import dev.scopeml.trainer.scoring.input.InputRef;
import dev.scopeml.trainer.scoring.output.OutputRef;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/scoring-jobs}. Optional fields are null when absent; {@link
 * JobPlanner} fills in defaults and refuses anything inconsistent.
 *
 * @param model the model to score with
 * @param engine what runs the job: {@code trainer} (default), the trainer's workers, or {@code
 *     spark}, a Spark application
 * @param input where the rows come from
 * @param output where the scored rows go
 * @param carry input columns copied to the output and rejects, such as ids (default none)
 * @param versions the version of each scope to score with, by canonical scope (default: every
 *     active version at submission)
 * @param maxErrors the most rejected rows the job tolerates: a count (a whole number of 1 or more,
 *     or 0) or a fraction of the input's rows (below 1); default 0.01
 * @param chunkRows rows per chunk (default 50,000)
 * @param missingValues unquoted CSV values that mean missing besides an empty field (default NA)
 */
public record ScoringJobRequest(
    String model,
    String engine,
    InputRef input,
    OutputRef output,
    List<String> carry,
    Map<String, Integer> versions,
    Number maxErrors,
    Integer chunkRows,
    List<String> missingValues) {}
