package dev.scopeml.trainer.scoring;

import dev.scopeml.modelstore.queue.Engine;
import dev.scopeml.modelstore.queue.NewScoringJob;
import dev.scopeml.modelstore.queue.ScoringJobRecord;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.scoring.chunks.JobSpec;
import dev.scopeml.trainer.scoring.chunks.ScoringMetrics;
import dev.scopeml.trainer.scoring.output.Outputs;
import dev.scopeml.trainer.spark.SparkSubmitter;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits, reads and cancels scoring jobs. A submission plans the job first; only a plan that
 * passed every check creates the output and enqueues one chunk per slice and the commit chunk.
 */
@Service
class ScoringJobService {

  private static final Logger log = LoggerFactory.getLogger(ScoringJobService.class);

  private final JobPlanner planner;
  private final Outputs outputs;
  private final ScoringQueue queue;
  private final ScoringMetrics metrics;
  private final JsonMapper json;
  private final int maxAttempts;
  private final SparkSubmitter spark;

  ScoringJobService(
      JobPlanner planner,
      Outputs outputs,
      ScoringQueue queue,
      ScoringMetrics metrics,
      JsonMapper json,
      TrainerProperties properties,
      SparkSubmitter spark) {
    this.spark = spark;
    this.planner = planner;
    this.outputs = outputs;
    this.queue = queue;
    this.metrics = metrics;
    this.json = json;
    this.maxAttempts = properties.trainer().maxAttempts();
  }

  JobView submit(ScoringJobRequest request) {
    JobPlanner.Plan plan = planner.plan(request);
    JobSpec spec = plan.spec();
    outputs.create(spec.output(), spec.layout());
    UUID id = UUID.randomUUID();
    Engine engine = Engine.fromApi(spec.engine()).orElseThrow();
    List<String> slices =
        (engine == Engine.SPARK ? SparkJobs.slices(spec.rows()) : plan.input().slices())
            .stream().map(json::writeValueAsString).toList();
    ScoringJobRecord job =
        queue.enqueue(
            new NewScoringJob(
                id,
                spec.model(),
                json.writeValueAsString(spec),
                plan.maxErrors(),
                slices,
                maxAttempts,
                engine));
    if (engine == Engine.SPARK) {
      submitToSpark(id);
    }
    metrics.jobSubmitted();
    log.info(
        "scoring job {} of model {} queued: {} rows of {} in {} chunks, {} pinned versions, to {}",
        id,
        spec.model(),
        spec.rows(),
        spec.input().describe(),
        slices.size(),
        spec.versions().size(),
        spec.output().describe());
    return JobView.of(job, queue.chunks(id), json);
  }

  /** Hands the queued job to a Spark application; a job that cannot start fails at once. */
  private void submitToSpark(UUID id) {
    try {
      spark.score(id);
    } catch (IllegalStateException e) {
      log.error("scoring job {} could not be submitted to Spark", id, e);
      queue.failAbandonedRows(id, "could not be submitted to Spark: " + e.getMessage());
    }
  }

  JobView get(UUID id) {
    ScoringJobRecord job =
        queue
            .job(id)
            .orElseThrow(() -> ApiException.notFound("no scoring job " + id).with("job", id));
    return JobView.of(job, queue.chunks(id), json);
  }

  List<JobView> list(int limit) {
    return queue.jobs(limit).stream().map(job -> JobView.of(job, null, json)).toList();
  }

  JobView cancel(UUID id) {
    if (!queue.cancel(id)) {
      throw ApiException.notFound("no scoring job " + id).with("job", id);
    }
    log.info("scoring job {} cancel requested", id);
    return get(id);
  }
}
