package dev.scopeml.trainer.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scopeml.learning.runs.TaskResult;
import dev.scopeml.modelstore.queue.RunRecord;
import dev.scopeml.modelstore.queue.TaskRecord;
import dev.scopeml.modelstore.queue.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run as the API shows it. {@code done} counts tasks that ended in any way; {@code succeeded},
 * {@code failed}, {@code skipped} and {@code cancelled} split them.
 *
 * @param run the run id
 * @param model the model it trains
 * @param engine what trains its scopes: trainer or spark
 * @param status queued, running, succeeded, partially_failed, failed or cancelled
 * @param total tasks
 * @param done tasks that ended
 * @param succeeded tasks that stored a version
 * @param failed tasks that failed for good
 * @param skipped scopes skipped with a reason
 * @param cancelled tasks stopped by a cancel
 * @param running tasks being trained now
 * @param createdAt submission time
 * @param finishedAt when the last task ended
 * @param spec the planned run, on the single-run view
 * @param scopes one entry per task, on the single-run view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(
    UUID run,
    String model,
    String engine,
    String status,
    int total,
    int done,
    int succeeded,
    int failed,
    int skipped,
    int cancelled,
    int running,
    Instant createdAt,
    Instant finishedAt,
    Map<String, Object> spec,
    List<ScopeView> scopes) {

  static RunView of(RunRecord run, List<TaskRecord> tasks, JsonMapper json) {
    int succeeded = run.count(TaskStatus.SUCCEEDED);
    int failed = run.count(TaskStatus.FAILED);
    int skipped = run.count(TaskStatus.SKIPPED);
    int cancelled = run.count(TaskStatus.CANCELLED);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = tasks == null ? null : json.readValue(run.spec(), Map.class);
    return new RunView(
        run.id(),
        run.model(),
        run.engine().apiName(),
        run.status().apiName(),
        run.total(),
        succeeded + failed + skipped + cancelled,
        succeeded,
        failed,
        skipped,
        cancelled,
        run.count(TaskStatus.RUNNING),
        run.createdAt(),
        run.finishedAt(),
        spec,
        tasks == null ? null : tasks.stream().map(task -> ScopeView.of(task, json)).toList());
  }

  /**
   * One scope of a run.
   *
   * @param scope canonical scope key ({@code *} for the global model)
   * @param status pending, running, succeeded, skipped, failed or cancelled
   * @param rows labelled rows of the scope
   * @param version the stored version
   * @param metrics holdout metrics
   * @param promoted whether the version is active
   * @param seconds the ending attempt's wall time
   * @param reason why it was skipped or cancelled
   * @param error the last failure
   * @param attempts claims so far
   * @param worker the worker that holds or ended it
   * @param timings seconds per stage (load, split, encode, fit, evaluate, envelope, store)
   * @param trainRows rows fitted on
   * @param holdoutRows rows evaluated on
   * @param droppedFeatures features without values in this scope
   * @param cappedFeatures categorical features that had more levels than the run keeps, with their
   *     level count in this scope
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScopeView(
      String scope,
      String status,
      Integer rows,
      Integer version,
      Map<String, Double> metrics,
      Boolean promoted,
      Double seconds,
      String reason,
      String error,
      int attempts,
      String worker,
      Map<String, Double> timings,
      Integer trainRows,
      Integer holdoutRows,
      List<String> droppedFeatures,
      Map<String, Integer> cappedFeatures) {

    static ScopeView of(TaskRecord task, JsonMapper json) {
      TaskResult result =
          task.result() == null ? null : json.readValue(task.result(), TaskResult.class);
      String status = task.status().name().toLowerCase(Locale.ROOT);
      if (result == null) {
        return new ScopeView(
            task.scope().toString(),
            status,
            null,
            null,
            null,
            null,
            null,
            null,
            task.error(),
            task.attempts(),
            task.leaseOwner(),
            null,
            null,
            null,
            null,
            null);
      }
      return new ScopeView(
          task.scope().toString(),
          status,
          result.rows(),
          result.version(),
          result.metrics(),
          result.promoted(),
          result.seconds(),
          result.reason(),
          task.error(),
          task.attempts(),
          task.leaseOwner(),
          result.timings(),
          result.trainRows(),
          result.holdoutRows(),
          result.droppedFeatures(),
          result.cappedFeatures());
    }
  }
}
