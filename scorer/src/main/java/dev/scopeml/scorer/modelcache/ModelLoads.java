package dev.scopeml.scorer.modelcache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

  /** Fetches and verifies one version; {@link ModelLoader} in the scorer. */
  @FunctionalInterface
  interface VersionLoader {
    LoadedModel load(ModelScope key, int version);
  }

  private final VersionLoader loader;
  private final ModelCache cache;
  private final RegistryView view;
  private final CacheMetrics metrics;
  private final Executor executor;
  private final Map<VersionKey, CompletableFuture<LoadedModel>> inFlight =
      new ConcurrentHashMap<>();
  private final Map<VersionKey, RefusedModelException> refused = new ConcurrentHashMap<>();

  ModelLoads(
      ModelLoader loader, ModelCache cache, RegistryView view, CacheMetrics metrics, int threads) {
    this(loader::load, cache, view, metrics, loaderPool(threads));
  }

  /** Loads on {@code executor}, shut down with these loads when it is an executor service. */
  ModelLoads(
      VersionLoader loader,
      ModelCache cache,
      RegistryView view,
      CacheMetrics metrics,
      Executor executor) {
    this.loader = loader;
    this.cache = cache;
    this.view = view;
    this.metrics = metrics;
    this.executor = executor;
  }

  private static ExecutorService loaderPool(int threads) {
    return Executors.newFixedThreadPool(
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
    // The future is registered before its load starts and removed by the load itself, never from
    // inside a map operation: a load that finishes at once (a refused version, a fast load on a
    // quiet machine) would otherwise remove its key while the map is still inserting it.
    var started = new CompletableFuture<LoadedModel>();
    CompletableFuture<LoadedModel> shared = inFlight.putIfAbsent(versionKey, started);
    if (shared != null) {
      return shared;
    }
    try {
      executor.execute(() -> runLoad(versionKey, started));
    } catch (RejectedExecutionException e) {
      inFlight.remove(versionKey, started);
      started.completeExceptionally(e);
    }
    return started;
  }

  private void runLoad(VersionKey versionKey, CompletableFuture<LoadedModel> result) {
    try {
      LoadedModel model = loadAndInstall(versionKey);
      inFlight.remove(versionKey, result);
      result.complete(model);
    } catch (Throwable failure) {
      inFlight.remove(versionKey, result);
      result.completeExceptionally(failure);
    }
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
    if (executor instanceof ExecutorService service) {
      service.shutdownNow();
    }
  }
}
