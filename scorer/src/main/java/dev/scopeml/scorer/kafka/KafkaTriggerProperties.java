package dev.scopeml.scorer.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka trigger, {@code scopeml.scorer.kafka.*}: off unless {@code enabled}; the
 * scorer then also answers the prediction requests of a topic, in a consumer group shared with
 * every scorer configured alike.
 *
 * @param enabled whether the scorer consumes the requests topic
 * @param bootstrapServers the Kafka cluster, {@code host:port[,host:port…]}
 * @param groupId the consumer group of the scorers; they share the requests topic's partitions
 * @param requestsTopic where prediction requests arrive: the native predict body plus {@code model}
 * @param resultsTopic where each request's result goes
 * @param deadLetterTopic where refused requests go, with the reason
 * @param delivery {@code exactly-once} (a Kafka transaction per poll) or {@code at-least-once}
 * @param maxPollRecords the most requests one poll, and so one micro-batch, takes
 * @param maxBatchRows the most rows scored in one batch; a poll with more is scored in several,
 *     never splitting a request
 * @param consumers consumer threads in this scorer (each with its own partitions)
 * @param instanceId names this scorer's transactional producers; unique among the scorers of the
 *     cluster and, to let a restarted scorer abort its predecessor's open transaction at once,
 *     stable across restarts of one instance. Defaults to the host name and the process id
 * @param sessionTimeout how long the group waits for a silent member before handing its partitions
 *     to the others
 * @param maxPollInterval the longest a poll may take to process before the member is dropped
 * @param transactionTimeout how long the broker keeps a transaction open; one left open by a scorer
 *     that died blocks {@code read_committed} readers of its partitions for that long
 * @param linger how long the producer waits to fill a batch of results
 * @param passThrough copies each request to the results topic unscored through the same consume,
 *     transact and produce loop: the benchmark's baseline, never for serving
 * @param properties further Kafka client properties for the consumer and producers, such as {@code
 *     security.protocol} (as Spring Boot's {@code spring.kafka.properties.*})
 * @param clientFile a Kafka client properties file (Kafka's own format, e.g. with {@code
 *     sasl.jaas.config}): credentials stay out of the environment; {@code properties} win over it
 */
@ConfigurationProperties("scopeml.scorer.kafka")
public record KafkaTriggerProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("localhost:9092") String bootstrapServers,
    @DefaultValue("scopeml-scorers") String groupId,
    @DefaultValue("scopeml-requests") String requestsTopic,
    @DefaultValue("scopeml-results") String resultsTopic,
    @DefaultValue("scopeml-dead-letters") String deadLetterTopic,
    @DefaultValue("exactly-once") Delivery delivery,
    @DefaultValue("500") int maxPollRecords,
    @DefaultValue("10000") int maxBatchRows,
    @DefaultValue("1") int consumers,
    String instanceId,
    @DefaultValue("10s") Duration sessionTimeout,
    @DefaultValue("60s") Duration maxPollInterval,
    @DefaultValue("15s") Duration transactionTimeout,
    @DefaultValue("5ms") Duration linger,
    @DefaultValue("false") boolean passThrough,
    Map<String, String> properties,
    Path clientFile) {

  public KafkaTriggerProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (maxPollRecords < 1 || maxBatchRows < 1 || consumers < 1) {
      throw new IllegalArgumentException(
          "scopeml.scorer.kafka.max-poll-records, max-batch-rows and consumers must be at least 1");
    }
    if (sessionTimeout.toMillis() < 1_000) {
      throw new IllegalArgumentException("scopeml.scorer.kafka.session-timeout must be 1s or more");
    }
  }

  /**
   * The Kafka client properties of {@code client-file} and {@code properties}, without the cluster.
   */
  Map<String, Object> clientProperties() {
    var merged = new HashMap<String, Object>();
    if (clientFile != null) {
      var file = new Properties();
      try (Reader in = Files.newBufferedReader(clientFile)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read scopeml.scorer.kafka.client-file " + clientFile, e);
      }
      file.forEach((key, value) -> merged.put(key.toString(), value));
    }
    merged.putAll(properties);
    return merged;
  }

  /**
   * The prefix of this scorer's transactional ids and its client ids: its instance id, by default
   * the host name and the process id (looked up only when the trigger is on).
   */
  String clientPrefix() {
    String instance =
        instanceId == null || instanceId.isBlank()
            ? hostName() + "-" + ProcessHandle.current().pid()
            : instanceId;
    return "scopeml-scorer-" + instance;
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "scorer";
    }
  }
}
