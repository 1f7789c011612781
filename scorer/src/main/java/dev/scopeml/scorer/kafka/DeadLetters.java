package dev.scopeml.scorer.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;

/**
 * Sends refused requests to the dead-letter topic through Spring Kafka's publisher: the original
 * key and value byte for byte, the original headers, the source coordinates ({@code
 * kafka_dlt-original-topic}, {@code -partition}, {@code -offset}, {@code -timestamp}) and the
 * exception message, plus the error JSON HTTP would answer the same body with ({@code
 * scopeml-error}), its status ({@code scopeml-error-status}) and the scorer release.
 *
 * <p>Called from inside the listener: with exactly-once delivery the send joins the poll's
 * transaction, so a dead letter commits with the results and offsets or not at all, and the
 * publisher need not wait for each send (the commit fails if one did). With at-least-once it waits
 * for the broker, as the results do, before the offsets are committed.
 */
final class DeadLetters {

  /** The header of the error JSON; the stream client reads it under the same name. */
  static final String ERROR_HEADER = "scopeml-error";

  static final String STATUS_HEADER = "scopeml-error-status";

  private final DeadLetterPublishingRecoverer publisher;

  DeadLetters(
      KafkaTemplate<byte[], byte[]> template, KafkaTriggerProperties properties, String version) {
    // Any partition: the dead-letter topic may have fewer partitions than the requests topic.
    var destination = new TopicPartition(properties.deadLetterTopic(), -1);
    this.publisher = new DeadLetterPublishingRecoverer(template, (record, e) -> destination);
    publisher.excludeHeader(HeadersToAdd.EX_STACKTRACE, HeadersToAdd.EX_CAUSE);
    publisher.setFailIfSendResultIsError(properties.delivery() == Delivery.AT_LEAST_ONCE);
    byte[] release = version.getBytes(StandardCharsets.UTF_8);
    publisher.setHeadersFunction((record, e) -> headers((StreamRefusal) e, release));
  }

  void send(ConsumerRecord<byte[], byte[]> request, Consumer<?, ?> consumer, StreamRefusal why) {
    publisher.accept(request, consumer, why);
  }

  private static Headers headers(StreamRefusal refusal, byte[] release) {
    var headers = new RecordHeaders();
    headers.add(ERROR_HEADER, refusal.json());
    headers.add(STATUS_HEADER, Integer.toString(refusal.status()).getBytes(StandardCharsets.UTF_8));
    headers.add(StreamListener.SCORER_VERSION_HEADER, release);
    return headers;
  }
}
