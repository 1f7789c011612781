package dev.scopeml.scorer.health;

import dev.scopeml.scorer.listener.PublicListener;
import dev.scopeml.scorer.warmup.WarmUp;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The warm-up in {@code /actuator/health} (and its readiness group): up once the request path is
 * warm and the public listener takes connections.
 */
@Component
class WarmUpHealthIndicator implements HealthIndicator {

  private final WarmUp warmUp;
  private final PublicListener listener;

  WarmUpHealthIndicator(WarmUp warmUp, PublicListener listener) {
    this.warmUp = warmUp;
    this.listener = listener;
  }

  @Override
  public Health health() {
    return (warmUp.isDone() ? Health.up() : Health.outOfService())
        .withDetail("publicListenerOpen", listener.isOpen())
        .build();
  }
}
