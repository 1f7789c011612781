package dev.scopeml.scorer.modelcache;

import static dev.scopeml.scorer.modelcache.CachedModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache's size bound, least-recently-used eviction and conditional swaps. */
class ModelCacheTest {

  private final List<LoadedModel> evicted = new ArrayList<>();
  private final ModelCache cache = new ModelCache(300, evicted::add);

  @Test
  void evictsTheLeastRecentlyUsedScopesToStayWithinItsBound() throws InterruptedException {
    LoadedModel a = model("a", 1, 100);
    LoadedModel b = model("b", 1, 100);
    LoadedModel c = model("c", 1, 100);
    cache.install(a);
    cache.install(b);
    cache.install(c);
    Thread.sleep(2);
    a.touch(); // b is now the least recently used
    cache.install(model("d", 1, 100));

    assertThat(evicted).extracting(LoadedModel::key).containsExactly(b.key());
    assertThat(cache.get(b.key())).isNull();
    assertThat(cache.wasEvicted(b.key())).isTrue();
    assertThat(cache.get(a.key())).isSameAs(a);
    assertThat(cache.bytes()).isEqualTo(300);
  }

  @Test
  void aSwapReplacesTheScopesVersionAndItsSize() {
    cache.install(model("a", 1, 100));
    LoadedModel v2 = model("a", 2, 150);
    cache.install(v2);
    assertThat(cache.get(v2.key())).isSameAs(v2);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(150);
  }

  @Test
  void keepsTheNewestVersionEvenIfItAloneExceedsTheBound() {
    cache.install(model("a", 1, 100));
    LoadedModel huge = model("b", 1, 1_000);
    cache.install(huge);
    assertThat(cache.get(huge.key())).isSameAs(huge);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void installIfDecidesUnderTheLock() {
    LoadedModel v1 = model("a", 1, 100);
    cache.install(v1);
    assertThat(cache.installIf(model("a", 2, 100), () -> false)).isFalse();
    assertThat(cache.get(v1.key())).isSameAs(v1);
    assertThat(cache.installIf(model("a", 3, 100), () -> true)).isTrue();
    assertThat(cache.get(v1.key()).version()).isEqualTo(3);
  }
}
