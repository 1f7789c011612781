package dev.scopeml.trainer.training;

import dev.scopeml.learning.runs.RunData;
import dev.scopeml.trainer.config.TrainerProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The loaded data of the most recent runs of this trainer. The first task of a run loads and
 * indexes its source; the run's other tasks on this trainer, concurrent or later, reuse it, so a
 * run of 51 scopes reads its CSV once per trainer rather than 51 times. A failed load is not kept,
 * so a retry loads again.
 */
@Component
public class RunDataCache {

  private final Map<UUID, CompletableFuture<RunData>> runs;

  RunDataCache(TrainerProperties properties) {
    int capacity = properties.trainer().cachedRuns();
    this.runs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, CompletableFuture<RunData>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The run's data, loaded by {@code loader} if no other task of the run has loaded it yet. */
  public RunData get(UUID run, Supplier<RunData> loader) {
    CompletableFuture<RunData> future;
    boolean mine = false;
    synchronized (runs) {
      future = runs.get(run);
      if (future == null) {
        future = new CompletableFuture<>();
        runs.put(run, future);
        mine = true;
      }
    }
    if (mine) {
      try {
        future.complete(loader.get());
      } catch (RuntimeException e) {
        synchronized (runs) {
          runs.remove(run, future);
        }
        future.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Keeps data the planner already loaded, so this trainer's workers start without a reload. */
  public void put(UUID run, RunData data) {
    synchronized (runs) {
      runs.put(run, CompletableFuture.completedFuture(data));
    }
  }
}
