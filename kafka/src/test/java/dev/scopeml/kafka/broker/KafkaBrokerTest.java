package dev.scopeml.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The broker process from the build's jars: formatted and started on free ports, ready for topics,
 * stopped with SIGTERM and started again on the same directory with its topics kept.
 */
class KafkaBrokerTest {

  @Test
  void startsStopsAndKeepsItsTopicsAcrossARestart() throws Exception {
    Path directory = freshDirectory();
    var broker = KafkaBroker.onFreePorts(Path.of("target", "broker"), directory);
    try (broker) {
      broker.start().awaitReady(Duration.ofSeconds(60));
      Map<String, Object> client = ClientProperties.of(broker.bootstrapServers());
      List<String> created = StreamTopics.defaults().ensure(client, 3, Duration.ofSeconds(30));
      assertThat(created)
          .as("a fresh broker has none of the stream's topics")
          .containsExactlyInAnyOrder(
              StreamTopics.REQUESTS, StreamTopics.RESULTS, StreamTopics.DEAD_LETTERS);
      assertThat(Files.exists(directory.resolve("data").resolve("meta.properties")))
          .as("the first start formatted the storage")
          .isTrue();

      assertThat(broker.stop(Duration.ofSeconds(30))).as("SIGTERM stops it cleanly").isTrue();
      assertThat(broker.isRunning()).isFalse();

      broker.start().awaitReady(Duration.ofSeconds(60));
      assertThat(StreamTopics.defaults().ensure(client, 3, Duration.ofSeconds(30)))
          .as("the topics survived the restart: nothing to create")
          .isEmpty();
      try (Admin admin = Admin.create(client)) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).contains(StreamTopics.REQUESTS, StreamTopics.RESULTS);
        assertThat(
                admin
                    .describeTopics(List.of(StreamTopics.REQUESTS))
                    .allTopicNames()
                    .get()
                    .get(StreamTopics.REQUESTS)
                    .partitions())
            .hasSize(3);
      }
    }
    assertThat(broker.isRunning()).as("closed").isFalse();
  }

  /** A directory of this run's own: a broker's data outlives it. */
  static Path freshDirectory() throws Exception {
    return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "broker-test-");
  }

  @Test
  void refusesToStartWithoutItsJars() throws Exception {
    Path directory = freshDirectory();
    var broker =
        new KafkaBroker(
            directory.resolve("nothing-here"), directory, 1, 2, directory.resolve("broker.log"));
    assertThatThrownBy(broker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jars are missing")
        .hasMessageContaining("./mvnw -q -DskipTests package");
  }
}
