package dev.scopeml.scorer.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;

/**
 * Answers one poll of the requests topic: parses every request, scores the good ones as one
 * micro-batch, and sends a result for each to the results topic and each refused one to the
 * dead-letter topic, in the order of the poll. With exactly-once delivery the container runs this
 * inside a Kafka transaction that also commits the poll's offsets; with at-least-once it returns
 * only once the broker has every result, and the container commits the offsets after.
 *
 * <p>A request's result goes to the results partition with the request partition's number (modulo
 * the results topic's partitions), so each partition's results keep its order. A failure that is no
 * fault of the requests (a version that cannot be served right now, the broker) is thrown: the
 * poll's transaction aborts, or its sends are not committed, and the poll is consumed again.
 */
final class StreamListener implements BatchConsumerAwareMessageListener<byte[], byte[]> {

  /** The header carrying the scorer release of every result and dead letter. */
  static final String SCORER_VERSION_HEADER = "scopeml-scorer-version";

  /** The header carrying the versions that answered a result, as HTTP's X-Model-Version. */
  static final String MODEL_VERSION_HEADER = "scopeml-model-version";

  private static final Logger log = LoggerFactory.getLogger(StreamListener.class);

  private final StreamRequests requests;
  private final MicroBatch microBatch;
  private final DeadLetters deadLetters;
  private final KafkaTemplate<byte[], byte[]> template;
  private final StreamMetrics metrics;
  private final String resultsTopic;
  private final byte[] scorerVersion;
  private final boolean passThrough;
  private volatile int resultPartitions;

  StreamListener(
      StreamRequests requests,
      MicroBatch microBatch,
      DeadLetters deadLetters,
      KafkaTemplate<byte[], byte[]> template,
      StreamMetrics metrics,
      KafkaTriggerProperties properties,
      String scorerVersion) {
    this.requests = requests;
    this.microBatch = microBatch;
    this.deadLetters = deadLetters;
    this.template = template;
    this.metrics = metrics;
    this.resultsTopic = properties.resultsTopic();
    this.scorerVersion = scorerVersion.getBytes(StandardCharsets.UTF_8);
    this.passThrough = properties.passThrough();
  }

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
    long start = System.nanoTime();
    try {
      Answer[] answers = passThrough ? copies(records) : answers(records);
      var sends = new ArrayList<CompletableFuture<?>>(records.size());
      int results = 0;
      for (int i = 0; i < records.size(); i++) {
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        switch (answers[i]) {
          case Answer.Result result -> {
            sends.add(template.send(result(record, result)));
            results++;
          }
          case Answer.Refused refused -> {
            deadLetters.send(record, consumer, refused.refusal());
            metrics.refused(refused.refusal());
          }
        }
      }
      if (!template.inTransaction()) {
        // At least once: the offsets are committed after this returns, so every result must be
        // on the broker by then.
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
      }
      metrics.results(results);
      metrics.batch(records.size(), System.nanoTime() - start);
      metrics.lag(consumer);
    } catch (RuntimeException e) {
      metrics.retry();
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      log.warn(
          "could not answer a poll of {} requests, which will be consumed again: {}",
          records.size(),
          cause.toString());
      throw e;
    }
  }

  private Answer[] answers(List<ConsumerRecord<byte[], byte[]>> records) {
    var answers = new Answer[records.size()];
    var parsed = new ArrayList<StreamRequest>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        parsed.add(requests.parse(i, records.get(i)));
      } catch (StreamRefusal refusal) {
        answers[i] = new Answer.Refused(refusal);
      }
    }
    microBatch.score(parsed, answers);
    return answers;
  }

  /** The pass-through baseline: each request's value is its result. */
  private static Answer[] copies(List<ConsumerRecord<byte[], byte[]>> records) {
    var answers = new Answer[records.size()];
    for (int i = 0; i < records.size(); i++) {
      byte[] value = records.get(i).value();
      answers[i] = new Answer.Result(value == null ? new byte[0] : value, "");
    }
    return answers;
  }

  private ProducerRecord<byte[], byte[]> result(
      ConsumerRecord<byte[], byte[]> request, Answer.Result result) {
    var headers = new RecordHeaders();
    headers.add(SCORER_VERSION_HEADER, scorerVersion);
    headers.add(MODEL_VERSION_HEADER, result.versions().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        resultsTopic,
        request.partition() % resultPartitions(),
        request.key(),
        result.value(),
        headers);
  }

  private int resultPartitions() {
    if (resultPartitions == 0) {
      resultPartitions = template.partitionsFor(resultsTopic).size();
    }
    return resultPartitions;
  }
}
