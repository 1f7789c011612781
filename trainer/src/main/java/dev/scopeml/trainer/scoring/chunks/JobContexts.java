package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.modelstore.registry.ModelStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs this trainer works on, each parsed and with its pinned versions loaded and verified
 * once, however many of its chunks the trainer's workers take; the few most recent are kept. A
 * failed load is not kept, so a retry loads again.
 */
@Component
class JobContexts {

  private static final int KEPT = 4;

  private final ModelStore store;
  private final JsonMapper json;
  private final Map<UUID, CompletableFuture<JobContext>> jobs =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, CompletableFuture<JobContext>> e) {
          return size() > KEPT;
        }
      };

  JobContexts(ModelStore store, JsonMapper json) {
    this.store = store;
    this.json = json;
  }

  /** The job's context, loaded by the first of its chunks on this trainer. */
  JobContext get(UUID job, String specJson) {
    CompletableFuture<JobContext> future;
    boolean mine;
    synchronized (jobs) {
      future = jobs.get(job);
      mine = future == null;
      if (mine) {
        future = new CompletableFuture<>();
        jobs.put(job, future);
      }
    }
    if (mine) {
      try {
        JobSpec spec = json.readValue(specJson, JobSpec.class);
        future.complete(
            new JobContext(spec, PinnedModels.load(store, spec.model(), spec.pinned())));
      } catch (RuntimeException e) {
        synchronized (jobs) {
          jobs.remove(job, future);
        }
        future.completeExceptionally(e);
      }
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * A job as a worker needs it.
   *
   * @param spec the job as planned
   * @param models its pinned versions, verified
   */
  record JobContext(JobSpec spec, PinnedModels models) {}
}
