package dev.scopeml.scorer.modelcache;

import static dev.scopeml.scorer.modelcache.CachedModels.model;
import static dev.scopeml.scorer.modelcache.CachedModels.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Background loads: shared per version, installed when still active, refusals remembered. */
class ModelLoadsTest {

  private final ModelCache cache = new ModelCache(1L << 30, model -> {});
  private final RegistryView view = new RegistryView();
  private final CacheMetrics metrics = new CacheMetrics(new SimpleMeterRegistry());
  private final AtomicInteger loaderCalls = new AtomicInteger();

  @Test
  void aLoadThatFinishesOnTheCallingThreadIsInstalledAndNotLeftInFlight() throws Exception {
    ModelScope a = scope("a");
    view.setActive(a, 1);
    var loads = directLoads((key, version) -> model("a", version, 100));

    LoadedModel first = loads.load(a, 1).get();
    assertThat(cache.get(a)).isSameAs(first);

    cache.remove(a); // as an eviction does: the next request must load the version again
    LoadedModel second = loads.load(a, 1).get();
    assertThat(second).isNotSameAs(first);
    assertThat(cache.get(a)).isSameAs(second);
    assertThat(loaderCalls).hasValue(2);
  }

  @Test
  void aRefusedVersionIsRefusedAgainWithoutReloading() {
    ModelScope a = scope("a");
    view.setActive(a, 1);
    var loads =
        directLoads(
            (key, version) -> {
              throw new RefusedModelException(
                  RefusedModelException.Reason.REFERENCE, "reference rows differ", null);
            });

    for (int attempt = 0; attempt < 3; attempt++) {
      CompletableFuture<LoadedModel> load = loads.load(a, 1);
      assertThatThrownBy(load::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(RefusedModelException.class);
    }
    assertThat(loaderCalls).hasValue(1);
    assertThat(loads.isRefused(a, 1)).isTrue();
    assertThat(cache.get(a)).isNull();
  }

  @Test
  void concurrentRequestsForOneVersionShareOneLoad() throws Exception {
    ModelScope a = scope("a");
    view.setActive(a, 1);
    var release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    var loads =
        new ModelLoads(
            (key, version) -> {
              loaderCalls.incrementAndGet();
              awaitQuietly(release);
              return model("a", version, 100);
            },
            cache,
            view,
            metrics,
            pool);
    try {
      Set<CompletableFuture<LoadedModel>> waiting = new HashSet<>();
      for (int caller = 0; caller < 8; caller++) {
        waiting.add(loads.load(a, 1));
      }
      release.countDown();
      assertThat(waiting).hasSize(1);
      assertThat(waiting.iterator().next().get(10, TimeUnit.SECONDS).version()).isEqualTo(1);
      assertThat(loaderCalls).hasValue(1);
    } finally {
      loads.close();
    }
  }

  @Test
  void aVersionNoLongerActiveIsReturnedButNotInstalled() throws Exception {
    ModelScope a = scope("a");
    view.setActive(a, 2);
    var loads = directLoads((key, version) -> model("a", version, 100));
    assertThat(loads.load(a, 1).get().version()).isEqualTo(1);
    assertThat(cache.get(a)).isNull();
  }

  /** Loads that run on the calling thread, so a load completes before {@code load} returns. */
  private ModelLoads directLoads(ModelLoads.VersionLoader loader) {
    return new ModelLoads(
        (key, version) -> {
          loaderCalls.incrementAndGet();
          return loader.load(key, version);
        },
        cache,
        view,
        metrics,
        Runnable::run);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
