package dev.scopeml.testsupport.kafka;

import dev.scopeml.kafka.broker.KafkaBroker;
import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.testsupport.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * A real Kafka broker (KRaft, one node) for one test class or one benchmark: the build's broker
 * process on free 127.0.0.1 ports, with a fresh data directory, killed with the JVM that started it
 * if nobody closes it.
 */
public final class TestKafka implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(90);

  private final KafkaBroker broker;

  private TestKafka(KafkaBroker broker) {
    this.broker = broker;
  }

  /** Starts a broker whose files go to {@code directory}, emptied first. */
  public static TestKafka start(Path directory) {
    empty(directory);
    var broker = KafkaBroker.onFreePorts(Repository.file("kafka/target/broker"), directory);
    broker.start();
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(broker::kill));
    broker.awaitReady(READY);
    return new TestKafka(broker);
  }

  /** Starts a broker for the test class {@code name}, in {@code target/kafka/<name>}. */
  public static TestKafka start(String name) {
    return start(Path.of("target", "kafka", name));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Client properties for this broker. */
  public Map<String, Object> client() {
    return ClientProperties.of(broker.bootstrapServers());
  }

  /**
   * The stream's topics named with {@code prefix} (a test's own), created with {@code partitions}
   * partitions for requests and results.
   */
  public StreamTopics topics(String prefix, int partitions) {
    StreamTopics topics = StreamTopics.prefixed(prefix);
    topics.ensure(client(), partitions, Duration.ofSeconds(60));
    return topics;
  }

  /**
   * The scorer properties that point a scorer's Kafka trigger at this broker and {@code topics}.
   */
  public Map<String, String> scorerProperties(StreamTopics topics, String group) {
    return Map.of(
        "scopeml.scorer.kafka.enabled",
        "true",
        "scopeml.scorer.kafka.bootstrap-servers",
        bootstrapServers(),
        "scopeml.scorer.kafka.group-id",
        group,
        "scopeml.scorer.kafka.requests-topic",
        topics.requests(),
        "scopeml.scorer.kafka.results-topic",
        topics.results(),
        "scopeml.scorer.kafka.dead-letter-topic",
        topics.deadLetters(),
        // A killed scorer leaves the group within seconds, and an open transaction it leaves
        // behind holds readers up for seconds, not the defaults' tens of seconds.
        "scopeml.scorer.kafka.session-timeout",
        "3s",
        "scopeml.scorer.kafka.transaction-timeout",
        "6s");
  }

  /** SIGTERM, then starts it again on the same ports and data, and waits until it is ready. */
  public void restart() {
    broker.stop(Duration.ofSeconds(30));
    broker.start().awaitReady(READY);
  }

  public KafkaBroker broker() {
    return broker;
  }

  @Override
  public void close() {
    broker.stop(Duration.ofSeconds(30));
  }

  private static void empty(Path directory) {
    try {
      if (Files.exists(directory)) {
        PathUtils.deleteDirectory(directory);
      }
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + directory, e);
    }
  }
}
