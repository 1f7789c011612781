package dev.scopeml.scorer.modelcache;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.scorer.config.ScorerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the model cache: loader, cache, loads, registry sync and the resolver requests use. */
@Configuration(proxyBeanMethods = false)
class ModelCacheConfiguration {

  /** How long a request waits for the load of a scope that is active but not in the cache. */
  private static final Duration LAZY_LOAD_TIMEOUT = Duration.ofSeconds(30);

  @Bean
  CacheMetrics cacheMetrics(MeterRegistry registry) {
    return new CacheMetrics(registry);
  }

  @Bean
  ModelCache modelCache(ScorerProperties properties, CacheMetrics metrics) {
    var cache = new ModelCache(properties.cacheMaxBytes().toBytes(), metrics::evicted);
    metrics.bind(cache);
    return cache;
  }

  @Bean
  RegistryView registryView() {
    return new RegistryView();
  }

  @Bean
  ModelLoader modelLoader(ModelStore store) {
    return new ModelLoader(store, ModelFormats.installed());
  }

  @Bean
  ModelLoads modelLoads(
      ModelLoader loader,
      ModelCache cache,
      RegistryView view,
      CacheMetrics metrics,
      ScorerProperties properties) {
    return new ModelLoads(loader, cache, view, metrics, properties.loaderThreads());
  }

  @Bean
  RegistrySync registrySync(
      ModelStore store,
      DatabaseSettings settings,
      RegistryView view,
      ModelCache cache,
      ModelLoads loads,
      ScorerProperties properties) {
    return new RegistrySync(
        store,
        settings,
        view,
        cache,
        loads,
        properties.pollInterval(),
        properties.listenerIdleCheck(),
        properties.reconnectBackoff());
  }

  @Bean
  ModelResolver modelResolver(
      RegistryView view, ModelCache cache, ModelLoads loads, RegistrySync sync) {
    return new ModelResolver(view, cache, loads, sync, LAZY_LOAD_TIMEOUT);
  }
}
