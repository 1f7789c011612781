package dev.scopeml.scorer.modelcache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads versions on a few background threads, at most one load per version at a time, and swaps
 * each verified version into the cache if it is still the active one. A refused version is
 * remembered, so it is neither retried nor ever served; a load that failed for a passing reason
 * (the database was unreachable) is retried by the next reconcile or request.
 */
final class ModelLoads implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelLoads.class);

  private record VersionKey(ModelScope key, int version) {}

  private final ModelLoader loader;
  private final ModelCache cache;
  private final RegistryView view;
  private final CacheMetrics metrics;
  private final ExecutorService executor;
  private final Map<VersionKey, CompletableFuture<LoadedModel>> inFlight =
      new ConcurrentHashMap<>();
  private final Map<VersionKey, RefusedModelException> refused = new ConcurrentHashMap<>();

  ModelLoads(
      ModelLoader loader, ModelCache cache, RegistryView view, CacheMetrics metrics, int threads) {
    this.loader = loader;
    this.cache = cache;
    this.view = view;
    this.metrics = metrics;
    this.executor =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("scopeml-model-loader-", 0).factory());
  }

  /**
   * The version loaded, from the cache or a (possibly shared) background load. The future fails
   * with {@link RefusedModelException} for a refused version.
   */
  CompletableFuture<LoadedModel> load(ModelScope key, int version) {
    var versionKey = new VersionKey(key, version);
    RefusedModelException refusal = refused.get(versionKey);
    if (refusal != null) {
      return CompletableFuture.failedFuture(refusal);
    }
    LoadedModel cached = cache.get(key);
    if (cached != null && cached.version() == version) {
      return CompletableFuture.completedFuture(cached);
    }
    return inFlight.computeIfAbsent(
        versionKey,
        k ->
            CompletableFuture.supplyAsync(() -> loadAndInstall(k), executor)
                .whenComplete((model, failure) -> inFlight.remove(k)));
  }

  /** Whether {@code version} of {@code key} was refused. */
  boolean isRefused(ModelScope key, int version) {
    return refused.containsKey(new VersionKey(key, version));
  }

  private LoadedModel loadAndInstall(VersionKey versionKey) {
    ModelScope key = versionKey.key();
    long start = System.nanoTime();
    try {
      LoadedModel model = loader.load(key, versionKey.version());
      long nanos = System.nanoTime() - start;
      metrics.load(key, nanos, "loaded");
      boolean installed = cache.installIf(model, () -> view.isActive(key, model.version()));
      log.info(
          "loaded {} v{} in {} ms{}",
          key,
          model.version(),
          TimeUnit.NANOSECONDS.toMillis(nanos),
          installed ? "" : " (no longer active, not installed)");
      return model;
    } catch (RefusedModelException e) {
      refused.put(versionKey, e);
      metrics.load(key, System.nanoTime() - start, "refused");
      metrics.refused(key, e.reason());
      LoadedModel serving = cache.get(key);
      log.error(
          "{}; {}",
          e.getMessage(),
          serving == null
              ? "no version of this scope is loaded"
              : "still serving v" + serving.version());
      throw e;
    } catch (RuntimeException e) {
      metrics.load(key, System.nanoTime() - start, "failed");
      log.warn("could not load {} v{}: {}", key, versionKey.version(), e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
