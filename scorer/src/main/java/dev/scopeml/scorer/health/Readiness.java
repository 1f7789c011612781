package dev.scopeml.scorer.health;

import dev.scopeml.scorer.modelcache.ModelResolver;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * Whether the scorer should get traffic: only once the versions active at start are loaded, and no
 * longer once shutdown has begun (Spring marks readiness as refusing traffic when the context
 * starts closing, before the web server drains its in-flight requests). Losing the database does
 * not make the scorer unready: it keeps answering from its cache.
 */
@Component
public final class Readiness {

  private final ApplicationAvailability availability;
  private final ModelResolver resolver;

  Readiness(ApplicationAvailability availability, ModelResolver resolver) {
    this.availability = availability;
    this.resolver = resolver;
  }

  public boolean isReady() {
    return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
        && resolver.isWarm();
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
    return "ready";
  }
}
