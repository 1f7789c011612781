package dev.scopeml.scorer.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Prediction metrics per model and scope: request count and latency (one timer with a histogram)
 * and errors by kind. Meters are built once per (api, model, scope) and kept, so recording costs a
 * map lookup. Labels only ever carry names the registry knows (an unknown model is {@value
 * #UNKNOWN}), so hostile requests cannot inflate the number of series.
 */
@Component
public final class PredictionMetrics {

  /** The label value of a model or scope that was not resolved. */
  public static final String UNKNOWN = "unknown";

  private record Key(String api, String model, String scope) {}

  private record ErrorKey(String api, String model, String scope, int status) {}

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();

  PredictionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records a request answered by {@code scope} of {@code model}. */
  public void success(String api, String model, String scope, long nanos) {
    timers
        .computeIfAbsent(new Key(api, model, scope), this::timer)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts a refused or failed request. */
  public void error(String api, String model, String scope, int status) {
    errors.computeIfAbsent(new ErrorKey(api, model, scope, status), this::counter).increment();
  }

  private Timer timer(Key key) {
    return Timer.builder("scopeml.predictions")
        .description("Prediction requests answered, by the model and scope that answered")
        .tag("api", key.api())
        .tag("model", key.model())
        .tag("scope", key.scope())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(20_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  private Counter counter(ErrorKey key) {
    return Counter.builder("scopeml.prediction.errors")
        .description("Prediction requests refused or failed, by HTTP status")
        .tag("api", key.api())
        .tag("model", key.model())
        .tag("scope", key.scope())
        .tag("status", Integer.toString(key.status()))
        .register(registry);
  }
}
