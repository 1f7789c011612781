package dev.scopeml.trainer.runs;

import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.learning.runs.SourceRef;
import dev.scopeml.modelstore.queue.Engine;
import dev.scopeml.modelstore.queue.NewRun;
import dev.scopeml.modelstore.queue.RunRecord;
import dev.scopeml.modelstore.queue.TaskRecord;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.spark.SparkSubmitter;
import dev.scopeml.trainer.training.RunDataCache;
import dev.scopeml.trainer.training.TrainingMetrics;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits, reads and cancels runs. A submission plans the run first; only a plan that passed every
 * check registers the family (scope columns and schema over all rows) and enqueues one task per
 * scope.
 */
@Service
class RunService {

  private static final Logger log = LoggerFactory.getLogger(RunService.class);

  private final RunPlanner planner;
  private final ModelStore store;
  private final TrainingQueue queue;
  private final RunDataCache cache;
  private final TrainingMetrics metrics;
  private final JsonMapper json;
  private final SparkSubmitter spark;
  private final int maxAttempts;

  RunService(
      RunPlanner planner,
      ModelStore store,
      TrainingQueue queue,
      RunDataCache cache,
      TrainingMetrics metrics,
      JsonMapper json,
      SparkSubmitter spark,
      TrainerProperties properties) {
    this.planner = planner;
    this.store = store;
    this.queue = queue;
    this.cache = cache;
    this.metrics = metrics;
    this.json = json;
    this.spark = spark;
    this.maxAttempts = properties.trainer().maxAttempts();
  }

  RunView submit(RunRequest request) {
    Engine engine = engine(request);
    RunPlanner.Plan plan = planner.plan(request);
    RunSpec spec = plan.spec();
    UUID id = UUID.randomUUID();
    store.registerFamily(ModelFamily.of(spec.model(), spec.scopeBy(), plan.familySchema()));
    RunRecord run =
        queue.enqueue(
            new NewRun(
                id,
                spec.model(),
                json.writeValueAsString(spec),
                plan.scopes(),
                maxAttempts,
                engine));
    if (engine == Engine.SPARK) {
      submitToSpark(id, spec.source());
    } else {
      cache.put(id, plan.data());
    }
    metrics.runSubmitted(spec.algorithm());
    MDC.put("run", id.toString());
    try {
      log.info(
          "run of model {} queued: {} scopes by {}, {} on {}",
          spec.model(),
          plan.scopes().size(),
          spec.scopeBy(),
          spec.algorithm(),
          spec.source().describe());
    } finally {
      MDC.remove("run");
    }
    return RunView.of(run, queue.tasks(id), json);
  }

  /**
   * The engine the request asks for, if this trainer can run it.
   *
   * @throws ApiException 400 naming the engines available here
   */
  private Engine engine(RunRequest request) {
    // An empty body is the planner's to refuse, naming what is missing.
    String name =
        request == null || request.engine() == null ? Engine.TRAINER.apiName() : request.engine();
    Engine engine = Engine.fromApi(name).orElse(null);
    if (engine == Engine.TRAINER || (engine == Engine.SPARK && spark.available())) {
      return engine;
    }
    List<String> engines =
        spark.available()
            ? List.of(Engine.SPARK.apiName(), Engine.TRAINER.apiName())
            : List.of(Engine.TRAINER.apiName());
    throw ApiException.badRequest(
            "engine '" + name + "' is not available here; engines: " + engines)
        .with("field", "engine");
  }

  /** Hands the queued run to a Spark application; a run that cannot start fails at once. */
  private void submitToSpark(UUID id, SourceRef source) {
    try {
      spark.train(id, source);
    } catch (IllegalStateException | ApiException e) {
      queue.failUnfinished(id, e.getMessage());
      log.error("run {} could not be submitted to Spark", id, e);
    }
  }

  RunView get(UUID id) {
    RunRecord run =
        queue.run(id).orElseThrow(() -> ApiException.notFound("no run " + id).with("run", id));
    List<TaskRecord> tasks = queue.tasks(id);
    return RunView.of(run, tasks, json);
  }

  List<RunView> list(int limit) {
    return queue.runs(limit).stream().map(run -> RunView.of(run, null, json)).toList();
  }

  RunView cancel(UUID id) {
    if (!queue.cancel(id)) {
      throw ApiException.notFound("no run " + id).with("run", id);
    }
    log.info("run {} cancel requested", id);
    return get(id);
  }
}
