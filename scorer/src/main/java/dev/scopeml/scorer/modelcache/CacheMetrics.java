package dev.scopeml.scorer.modelcache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Metrics of the model cache: how long loads take and how they end, refused versions, evictions,
 * and the cache's size.
 */
final class CacheMetrics {

  private final MeterRegistry registry;
  private final Counter evictions;

  CacheMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.evictions =
        Counter.builder("scopeml.cache.evictions")
            .description("Model versions evicted to keep the cache within its size bound")
            .register(registry);
  }

  void bind(ModelCache cache) {
    Gauge.builder("scopeml.cache.size", cache, ModelCache::bytes)
        .description("Estimated memory held by loaded model versions")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("scopeml.cache.max", cache, ModelCache::maxBytes)
        .description("The cache's size bound")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("scopeml.cache.models", cache, ModelCache::size)
        .description("Loaded model versions, one per scope")
        .register(registry);
  }

  /**
   * Records a load attempt.
   *
   * @param outcome {@code loaded}, {@code refused} or {@code failed}
   */
  void load(ModelScope key, long nanos, String outcome) {
    Timer.builder("scopeml.model.load")
        .description("Time to fetch, decode and verify a model version")
        .tag("model", key.model())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void refused(ModelScope key, RefusedModelException.Reason reason) {
    Counter.builder("scopeml.model.refused")
        .description("Model versions refused by verification (checksum or reference predictions)")
        .tag("model", key.model())
        .tag("scope", key.scope().toString())
        .tag("reason", reason.label())
        .register(registry)
        .increment();
  }

  void evicted(LoadedModel model) {
    evictions.increment();
  }
}
