package dev.scopeml.learning.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.Evaluation;
import dev.scopeml.modelstore.registry.ModelVersion;
import java.util.List;
import java.util.Map;

/**
 * What a worker (a trainer's, or a Spark executor) records when it ends a task, stored as the
 * task's result JSON and shown per scope by the run API.
 *
 * @param rows labelled rows of the scope
 * @param trainRows rows fitted on
 * @param holdoutRows rows evaluated on
 * @param version the stored version
 * @param metrics holdout metrics
 * @param promoted whether the version is the scope's active version after the task
 * @param seconds the task's wall time
 * @param timings seconds per stage: load, split, encode, fit, evaluate, envelope (the version to
 *     store), store (save and promote)
 * @param reason why a scope was skipped or cancelled
 * @param droppedFeatures features left out because the scope has no value for them
 * @param cappedFeatures categorical features with more levels in the scope than the run keeps, and
 *     how many they had; the rest share an "other" slot
 * @param worker the worker that ended the task
 * @param attempt which claim of the task this was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskResult(
    Integer rows,
    Integer trainRows,
    Integer holdoutRows,
    Integer version,
    Map<String, Double> metrics,
    Boolean promoted,
    Double seconds,
    Map<String, Double> timings,
    String reason,
    List<String> droppedFeatures,
    Map<String, Integer> cappedFeatures,
    String worker,
    Integer attempt) {

  /**
   * A task that stored {@code version}, fitted and evaluated as {@code encoded} and {@code
   * evaluation}.
   */
  public static TaskResult trained(
      EncodedScope encoded,
      Evaluation evaluation,
      ModelVersion version,
      StageTimes times,
      String worker,
      int attempt) {
    List<String> dropped = encoded.schema().dropped();
    Map<String, Integer> capped = encoded.schema().capped();
    return new TaskResult(
        encoded.split().rows().length,
        encoded.split().trainRows().length,
        encoded.split().holdoutRows().length,
        version.version(),
        evaluation.metrics(),
        version.active(),
        times.elapsed(),
        times.seconds(),
        null,
        dropped.isEmpty() ? null : dropped,
        capped.isEmpty() ? null : capped,
        worker,
        attempt);
  }

  /** A task that ended without training, and why. */
  public static TaskResult notTrained(
      int rows, String reason, StageTimes times, String worker, int attempt) {
    return new TaskResult(
        rows,
        null,
        null,
        null,
        null,
        null,
        times.elapsed(),
        times.seconds(),
        reason,
        null,
        null,
        worker,
        attempt);
  }
}
