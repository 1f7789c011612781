package dev.scopeml.scorer.health;

import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.warmup.WarmUp;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * Whether the scorer should get traffic: only once the versions active at start are loaded, their
 * request path warmed up and the public listener open, and no longer once shutdown has begun
 * (Spring marks readiness as refusing traffic when the context starts closing, before the web
 * server drains its in-flight requests). Losing the database does not make the scorer unready: it
 * keeps answering from its cache.
 */
@Component
public final class Readiness {

  private final ApplicationAvailability availability;
  private final ModelResolver resolver;
  private final WarmUp warmUp;

  Readiness(ApplicationAvailability availability, ModelResolver resolver, WarmUp warmUp) {
    this.availability = availability;
    this.resolver = resolver;
    this.warmUp = warmUp;
  }

  public boolean isReady() {
    return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
        && resolver.isWarm()
        && warmUp.isDone();
  }

  public boolean isLive() {
    return availability.getLivenessState() == LivenessState.CORRECT;
  }

  /** Why the scorer is not ready, or {@code ready}. */
  public String state() {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return "refusing traffic (starting or shutting down)";
    }
    if (!resolver.isWarm()) {
      return "loading the active model versions";
    }
    if (!warmUp.isDone()) {
      return "warming up: replaying reference rows until the request path is compiled";
    }
    return "ready";
  }
}
