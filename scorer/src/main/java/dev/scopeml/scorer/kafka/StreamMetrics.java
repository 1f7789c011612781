package dev.scopeml.scorer.kafka;

import dev.scopeml.scorer.scoring.PredictionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka trigger's meters: requests consumed, results sent, dead letters by status, the size and
 * processing time of each poll, polls retried, and the lag of each partition this scorer consumes.
 * Per-scope counts and latency by model are the prediction metrics', with {@code api="stream"}.
 * Labels only carry the partitions of the requests topic and HTTP statuses, so the number of series
 * stays bounded.
 */
final class StreamMetrics {

  private final MeterRegistry registry;
  private final PredictionMetrics predictions;
  private final Counter consumed;
  private final Counter results;
  private final Counter retries;
  private final DistributionSummary batchSize;
  private final Timer batchTime;
  private final Map<Integer, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();

  private record Lag(AtomicLong records, Gauge gauge) {}

  StreamMetrics(MeterRegistry registry, PredictionMetrics predictions) {
    this.registry = registry;
    this.predictions = predictions;
    this.consumed =
        Counter.builder("scopeml.stream.consumed")
            .description("Prediction requests consumed from the requests topic")
            .register(registry);
    this.results =
        Counter.builder("scopeml.stream.results")
            .description("Results sent to the results topic")
            .register(registry);
    this.retries =
        Counter.builder("scopeml.stream.retries")
            .description("Polls given up and consumed again after a failure of the scorer")
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("scopeml.stream.batch.size")
            .description("Requests per poll, scored as one micro-batch")
            .register(registry);
    this.batchTime =
        Timer.builder("scopeml.stream.batch")
            .description("Time to answer one poll: read, score and send its requests")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  void batch(int requests, long nanos) {
    consumed.increment(requests);
    batchSize.record(requests);
    batchTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  void results(int count) {
    results.increment(count);
  }

  /**
   * A request sent to the dead letters: counted by status, and as a refused prediction of its model
   * and scope (those it had resolved), as the HTTP APIs count theirs.
   */
  void refused(StreamRefusal refusal) {
    predictions.error(MicroBatch.API, refusal.model(), refusal.scope(), refusal.status());
    int status = refusal.status();
    deadLetters
        .computeIfAbsent(
            status,
            s ->
                Counter.builder("scopeml.stream.dead.letters")
                    .description(
                        "Requests sent to the dead-letter topic, by the HTTP status the same body"
                            + " gets")
                    .tag("status", Integer.toString(s))
                    .register(registry))
        .increment();
  }

  void retry() {
    retries.increment();
  }

  /** Reads each assigned partition's lag as the consumer last saw it; on the consumer's thread. */
  void lag(Consumer<?, ?> consumer) {
    for (TopicPartition partition : consumer.assignment()) {
      consumer
          .currentLag(partition)
          .ifPresent(lag -> lags.computeIfAbsent(partition, this::lagGauge).records().set(lag));
    }
  }

  /** Drops the lag of partitions handed to another scorer. */
  void revoked(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Lag lag = lags.remove(partition);
      if (lag != null) {
        registry.remove(lag.gauge());
      }
    }
  }

  private Lag lagGauge(TopicPartition partition) {
    var records = new AtomicLong();
    Gauge gauge =
        Gauge.builder("scopeml.stream.lag", records, AtomicLong::get)
            .description("Requests waiting in a partition this scorer consumes")
            .tag("topic", partition.topic())
            .tag("partition", Integer.toString(partition.partition()))
            .register(registry);
    return new Lag(records, gauge);
  }
}
