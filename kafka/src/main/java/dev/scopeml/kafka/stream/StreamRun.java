package dev.scopeml.kafka.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of the stream client: publishes prediction requests keyed {@code <run>-<n>} to the
 * requests topic and reads the results and dead-letter topics, as a {@code read_committed} reader
 * from where they ended when the run began, until every request is answered. It counts the answers
 * of each request, so that a request answered twice (or never) shows, and times each request from
 * its send to its first committed answer. Records of other runs sharing the topics are ignored.
 */
public final class StreamRun implements AutoCloseable {

  /** The header in which a dead letter carries its reason (the scorer's error JSON). */
  public static final String ERROR_HEADER = "scopeml-error";

  private final StreamTopics topics;
  private final int requests;
  private final int rowsPerRequest;
  private final String prefix;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread reader;

  private final AnswerTally tally;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private volatile Consumer<ConsumerRecord<byte[], byte[]>> observer = r -> {};
  private volatile boolean drainRequested;
  private volatile boolean drained;
  private volatile boolean closed;
  private volatile RuntimeException readerFailure;
  private volatile long firstSendNanos;

  /**
   * Opens a run: the reader starts at the current end of the results and dead-letter topics.
   *
   * @param client Kafka client properties, {@code bootstrap.servers} at least
   * @param requests how many requests the run will send
   * @param rowsPerRequest rows in each request, for the rows per second
   */
  public StreamRun(
      Map<String, Object> client, StreamTopics topics, int requests, int rowsPerRequest) {
    this.topics = topics;
    this.requests = requests;
    this.rowsPerRequest = rowsPerRequest;
    this.prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    this.tally = new AnswerTally(requests);
    this.consumer = new KafkaConsumer<>(readerConfig(client));
    try {
      var partitions = new ArrayList<TopicPartition>();
      for (String topic : List.of(topics.results(), topics.deadLetters())) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "topic " + topic + " does not exist at " + client.get("bootstrap.servers"));
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
    this.producer = new KafkaProducer<>(publisherConfig(client));
    this.reader =
        Thread.ofPlatform().name("stream-reader-" + prefix).daemon().unstarted(this::read);
    reader.start();
  }

  /** The key of request {@code index}. */
  public String key(int index) {
    return prefix + index;
  }

  /**
   * Calls {@code observer} with every result and dead letter of this run as it is read, on the
   * reader's thread.
   */
  public StreamRun observe(Consumer<ConsumerRecord<byte[], byte[]>> observer) {
    this.observer = observer;
    return this;
  }

  /**
   * Sends every request, request {@code n} with the value {@code body.apply(n)}: as fast as the
   * producer takes them when {@code perSecond} is 0, otherwise on a fixed schedule (open loop: a
   * request's latency counts from when it was due, so a stall of the client is not hidden).
   */
  public void publish(IntFunction<byte[]> body, double perSecond) {
    publish(0, requests, body, perSecond);
  }

  /**
   * Sends requests {@code from} to {@code to} (exclusive), as {@link #publish(IntFunction,
   * double)}.
   */
  public void publish(int from, int to, IntFunction<byte[]> body, double perSecond) {
    long start = System.nanoTime();
    if (from == 0) {
      firstSendNanos = start;
    }
    for (int n = from; n < to; n++) {
      long due = perSecond > 0 ? start + (long) ((n - from) * 1e9 / perSecond) : System.nanoTime();
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      tally.sent(n, due);
      producer.send(
          new ProducerRecord<>(
              topics.requests(), key(n).getBytes(StandardCharsets.UTF_8), body.apply(n)),
          (metadata, error) -> (error == null ? sent : sendFailures).incrementAndGet());
    }
    producer.flush();
  }

  /**
   * Waits until every request is answered, then reads on to the end the topics had at that moment,
   * so that an answer given twice is counted too.
   *
   * @param progress called about five times a second, on this thread
   */
  public StreamReport await(Duration timeout, Consumer<StreamProgress> progress) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (tally.answered() < requests - sendFailures.get() && System.nanoTime() < deadline) {
      checkReader();
      progress.accept(progress());
      pause(200);
    }
    progress.accept(progress());
    drainRequested = true;
    long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!drained && System.nanoTime() < drainDeadline) {
      checkReader();
      pause(50);
    }
    stopReader();
    return tally.report(
        (long) requests * rowsPerRequest, firstSendNanos, sent.get(), sendFailures.get());
  }

  /**
   * When request {@code index} was sent, or due to be sent on a schedule ({@link System#nanoTime}).
   */
  public long sentAt(int index) {
    return tally.sentAt(index);
  }

  /** The index of the request whose key is {@code key}, or -1 for another run's key. */
  public int indexOf(byte[] key) {
    if (key == null) {
      return -1;
    }
    String text = new String(key, StandardCharsets.UTF_8);
    if (!text.startsWith(prefix)) {
      return -1;
    }
    try {
      int index = Integer.parseInt(text.substring(prefix.length()));
      return index >= 0 && index < requests ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Where the run stands. */
  public StreamProgress progress() {
    return new StreamProgress(
        requests,
        sent.get(),
        tally.answered(),
        tally.deadLettered(),
        Duration.ofNanos(firstSendNanos == 0 ? 0 : System.nanoTime() - firstSendNanos));
  }

  @Override
  public void close() {
    stopReader();
    producer.close(Duration.ofSeconds(10));
  }

  private void read() {
    try {
      Map<TopicPartition, Long> drainTo = null;
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          count(record);
        }
        if (drainRequested && drainTo == null) {
          drainTo = consumer.endOffsets(consumer.assignment());
        }
        if (drainTo != null && !drained) {
          drained =
              drainTo.entrySet().stream()
                  .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        readerFailure = e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void count(ConsumerRecord<byte[], byte[]> record) {
    int index = indexOf(record.key());
    if (index < 0) {
      return;
    }
    observer.accept(record);
    if (record.topic().equals(topics.results())) {
      tally.result(index);
    } else {
      tally.deadLetter(index, record.headers());
    }
  }

  private void checkReader() {
    if (readerFailure != null) {
      throw new IllegalStateException(
          "reading the results failed: " + readerFailure.getMessage(), readerFailure);
    }
  }

  private void stopReader() {
    closed = true;
    try {
      reader.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> readerConfig(Map<String, Object> client) {
    var config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return config;
  }

  private static Map<String, Object> publisherConfig(Map<String, Object> client) {
    var config = new HashMap<>(client);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    return config;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
