package dev.scopeml.scorer.scoring;

import dev.scopeml.scorer.config.ScorerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Prediction metrics, bounded for scorers that serve many scopes: per scope only counters (requests
 * answered, errors by status: one series each), latency as one histogram per model, and per scope
 * only for the scopes configured in {@code scopeml.scorer.latency-scopes}. A histogram is about 90
 * series, so one per scope would be nearly a million series at 10,000 scopes. Meters are built once
 * and kept, so recording costs a map lookup. Labels only ever carry names the registry knows (an
 * unknown model is {@value #UNKNOWN}), so hostile requests cannot inflate the number of series.
 */
@Component
public final class PredictionMetrics {

  /** The label value of a model or scope that was not resolved. */
  public static final String UNKNOWN = "unknown";

  private record ModelKey(String api, String model) {}

  private record ScopeKey(String api, String model, String scope) {}

  private record ErrorKey(String api, String model, String scope, int status) {}

  private final MeterRegistry registry;
  private final Set<String> latencyScopes;
  private final Map<ModelKey, Timer> modelTimers = new ConcurrentHashMap<>();
  private final Map<ScopeKey, Counter> scopeCounters = new ConcurrentHashMap<>();
  private final Map<ScopeKey, Timer> scopeTimers = new ConcurrentHashMap<>();
  private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
  private volatile boolean counting = true;

  PredictionMetrics(MeterRegistry registry, ScorerProperties properties) {
    this.registry = registry;
    this.latencyScopes = properties.latencyScopes();
  }

  /**
   * Records a request of {@code model} answered by {@code scopes} (one or more, for a request whose
   * rows belong to several scopes).
   */
  public void success(String api, String model, Collection<String> scopes, long nanos) {
    if (!counting) {
      return;
    }
    modelTimers
        .computeIfAbsent(new ModelKey(api, model), this::modelTimer)
        .record(nanos, TimeUnit.NANOSECONDS);
    for (String scope : scopes) {
      var key = new ScopeKey(api, model, scope);
      scopeCounters.computeIfAbsent(key, this::scopeCounter).increment();
      if (latencyScopes.contains(model) || latencyScopes.contains(model + ":" + scope)) {
        scopeTimers.computeIfAbsent(key, this::scopeTimer).record(nanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** Counts a refused or failed request. */
  public void error(String api, String model, String scope, int status) {
    if (!counting) {
      return;
    }
    errors.computeIfAbsent(new ErrorKey(api, model, scope, status), this::errorCounter).increment();
  }

  /** Stops counting while the warm-up replays reference rows: those requests are no client's. */
  public void pause() {
    counting = false;
  }

  /** Counts again. */
  public void resume() {
    counting = true;
  }

  private Timer modelTimer(ModelKey key) {
    return latency("scopeml.predictions")
        .description("Prediction requests answered and their latency, by model")
        .tag("api", key.api())
        .tag("model", key.model())
        .register(registry);
  }

  private Timer scopeTimer(ScopeKey key) {
    return latency("scopeml.scope.latency")
        .description("Latency of the requests a configured scope answered")
        .tag("api", key.api())
        .tag("model", key.model())
        .tag("scope", key.scope())
        .register(registry);
  }

  private static Timer.Builder latency(String name) {
    return Timer.builder(name)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(20_000))
        .maximumExpectedValue(Duration.ofSeconds(10));
  }

  private Counter scopeCounter(ScopeKey key) {
    return Counter.builder("scopeml.scope.predictions")
        .description("Prediction requests answered, by the scope that answered")
        .tag("api", key.api())
        .tag("model", key.model())
        .tag("scope", key.scope())
        .register(registry);
  }

  private Counter errorCounter(ErrorKey key) {
    return Counter.builder("scopeml.prediction.errors")
        .description("Prediction requests refused or failed, by HTTP status")
        .tag("api", key.api())
        .tag("model", key.model())
        .tag("scope", key.scope())
        .tag("status", Integer.toString(key.status()))
        .register(registry);
  }
}
