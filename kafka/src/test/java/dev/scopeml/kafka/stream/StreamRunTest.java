package dev.scopeml.kafka.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.kafka.broker.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stream client's tally against a real broker and a responder of known behaviour: of 1,000
 * requests it answers most once, some twice, some with a dead letter, and leaves some unanswered,
 * and the report must say exactly that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamRunTest {

  private static final int REQUESTS = 1_000;

  private KafkaBroker broker;
  private Map<String, Object> client;

  @BeforeAll
  void startBroker() throws Exception {
    Path directory =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "broker-test-");
    broker = KafkaBroker.onFreePorts(Path.of("target", "broker"), directory);
    broker.start().awaitReady(Duration.ofSeconds(60));
    client = ClientProperties.of(broker.bootstrapServers());
    StreamTopics.defaults().ensure(client, 2, Duration.ofSeconds(30));
  }

  @AfterAll
  void stopBroker() {
    broker.close();
  }

  @Test
  void countsEveryAnswerOfEveryRequest() {
    StreamTopics topics = StreamTopics.defaults();
    try (var run = new StreamRun(client, topics, REQUESTS, 3)) {
      run.publish(n -> ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), 0);
      respond(topics, run);
      // Some requests stay unanswered by design: the wait ends at its timeout.
      StreamReport report = run.await(Duration.ofSeconds(5), progress -> {});

      // The responder: n % 10 == 3 twice, n % 10 == 7 as a dead letter, n % 50 == 9 never.
      long unanswered = REQUESTS / 50;
      long twice = REQUESTS / 10;
      long dead = REQUESTS / 10;
      assertThat(report.sent()).isEqualTo(REQUESTS);
      assertThat(report.sendFailures()).isZero();
      assertThat(report.missing()).as("requests never answered").isEqualTo(unanswered);
      assertThat(report.duplicated()).as("answers beyond the first").isEqualTo(twice);
      assertThat(report.deadLetters()).isEqualTo(dead);
      assertThat(report.results()).isEqualTo(REQUESTS - unanswered - dead + twice);
      assertThat(report.answered()).isEqualTo(REQUESTS - unanswered);
      assertThat(report.exactlyOnce()).isFalse();
      assertThat(report.rows()).isEqualTo(3L * REQUESTS);
      assertThat(report.deadLetterReasons())
          .as("the reason header of the dead letters, counted")
          .containsEntry("{\"error\":\"refused\"}", dead);
      assertThat(report.latency().p50()).isPositive();
      assertThat(report.latency().max()).isGreaterThanOrEqualTo(report.latency().p99());
    }
  }

  /** Answers every request published so far as the class comment says. */
  private void respond(StreamTopics topics, StreamRun run) {
    var consumerConfig = new HashMap<>(client);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "responder-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    var producerConfig = new HashMap<>(client);
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig);
        var producer = new KafkaProducer<byte[], byte[]>(producerConfig)) {
      consumer.subscribe(List.of(topics.requests()));
      int seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen < REQUESTS && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> request : consumer.poll(Duration.ofMillis(200))) {
          if (run.indexOf(request.key()) < 0) {
            continue; // another run's
          }
          seen++;
          String value = new String(request.value(), StandardCharsets.UTF_8);
          int n = Integer.parseInt(value.replaceAll("\\D", ""));
          if (n % 50 == 9) {
            continue;
          }
          if (n % 10 == 7) {
            var headers = new RecordHeaders();
            headers.add(StreamRun.ERROR_HEADER, "{\"error\":\"refused\"}".getBytes());
            producer.send(
                new ProducerRecord<>(
                    topics.deadLetters(), null, request.key(), request.value(), headers));
            continue;
          }
          int copies = n % 10 == 3 ? 2 : 1;
          for (int c = 0; c < copies; c++) {
            producer.send(new ProducerRecord<>(topics.results(), request.key(), request.value()));
          }
        }
      }
      producer.flush();
      assertThat(seen).as("requests the responder read").isEqualTo(REQUESTS);
    }
  }
}
