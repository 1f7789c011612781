package dev.scopeml.scorer.health;

import dev.scopeml.scorer.modelcache.ModelResolver;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The model cache in {@code /actuator/health} (and its readiness group): up once warm, with the
 * number of loaded versions and whether the change feed is connected.
 */
@Component
class ModelCacheHealthIndicator implements HealthIndicator {

  private final ModelResolver resolver;

  ModelCacheHealthIndicator(ModelResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Health health() {
    Health.Builder builder = resolver.isWarm() ? Health.up() : Health.outOfService();
    return builder
        .withDetail("loadedVersions", resolver.loaded().size())
        .withDetail("changeFeedConnected", resolver.isListening())
        .build();
  }
}
