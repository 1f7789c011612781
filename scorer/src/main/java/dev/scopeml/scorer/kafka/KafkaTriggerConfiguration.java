package dev.scopeml.scorer.kafka;

import dev.scopeml.scorer.config.ScorerProperties;
import dev.scopeml.scorer.health.Readiness;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import dev.scopeml.scorer.scoring.Scoring;
import dev.scopeml.scorer.web.RequestBodies;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka trigger, built only when {@code scopeml.scorer.kafka.enabled}: a Spring Kafka batch
 * listener container over the requests topic, whose listener scores each poll through the model
 * cache and scoring path HTTP uses. The container is not started with the context: {@link
 * TriggerStart} starts it once the scorer is ready, so a scorer joins the group only when it can
 * answer; it stops with the context, finishing and committing its poll before leaving the group.
 *
 * <p>Exactly-once: the producer is transactional and the container runs each poll in a Kafka
 * transaction that also carries the consumed offsets. There is deliberately no {@code
 * CommonErrorHandler} then: one would retry the listener inside the open transaction and commit
 * both attempts' results. A failed poll is rolled back and consumed again after a back-off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("scopeml.scorer.kafka.enabled")
class KafkaTriggerConfiguration {

  /** The back-off before a failed poll is consumed again: short, growing, never giving up. */
  private static final long RETRY_INITIAL_MILLIS = 100;

  private static final long RETRY_MAX_MILLIS = 5_000;

  @Bean
  DefaultKafkaProducerFactory<byte[], byte[]> streamProducerFactory(
      KafkaTriggerProperties properties) {
    Map<String, Object> config = common(properties);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) properties.linger().toMillis());
    config.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        (int) properties.transactionTimeout().toMillis());
    var factory = new DefaultKafkaProducerFactory<byte[], byte[]>(config);
    if (properties.delivery() == Delivery.EXACTLY_ONCE) {
      // Stable per instance: a restarted scorer fences its predecessor's producer and aborts its
      // open transaction at once, instead of after the transaction timeout.
      factory.setTransactionIdPrefix(properties.clientPrefix() + "-tx-");
    }
    return factory;
  }

  @Bean
  KafkaTemplate<byte[], byte[]> streamTemplate(
      DefaultKafkaProducerFactory<byte[], byte[]> streamProducerFactory) {
    var template = new KafkaTemplate<>(streamProducerFactory);
    // The trigger keeps its own meters; a timer per send would cost more than it tells.
    template.setMicrometerEnabled(false);
    return template;
  }

  @Bean
  StreamMetrics streamMetrics(MeterRegistry registry, PredictionMetrics predictionMetrics) {
    return new StreamMetrics(registry, predictionMetrics);
  }

  @Bean
  StreamListener streamListener(
      RequestBodies bodies,
      ModelResolver resolver,
      Scoring scoring,
      PredictionMetrics predictionMetrics,
      StreamMetrics streamMetrics,
      KafkaTemplate<byte[], byte[]> streamTemplate,
      ScorerProperties scorer,
      KafkaTriggerProperties properties) {
    return new StreamListener(
        new StreamRequests(bodies, resolver, scorer),
        new MicroBatch(resolver, scoring, predictionMetrics, properties.maxBatchRows()),
        new DeadLetters(streamTemplate, properties, scorer.version()),
        streamTemplate,
        streamMetrics,
        properties,
        scorer.version());
  }

  @Bean
  ConcurrentMessageListenerContainer<byte[], byte[]> streamContainer(
      KafkaTriggerProperties properties,
      StreamListener streamListener,
      StreamMetrics streamMetrics,
      DefaultKafkaProducerFactory<byte[], byte[]> streamProducerFactory) {
    var container =
        new ConcurrentMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<byte[], byte[]>(consumerConfig(properties)),
            containerProperties(properties, streamListener, streamMetrics, streamProducerFactory));
    container.setConcurrency(properties.consumers());
    container.setAutoStartup(false);
    var backOff = new ExponentialBackOff(RETRY_INITIAL_MILLIS, 2.0);
    backOff.setMaxInterval(RETRY_MAX_MILLIS);
    if (properties.delivery() == Delivery.EXACTLY_ONCE) {
      // Seeks back to the start of the aborted poll, so that it is consumed again.
      container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(backOff));
    } else {
      // Retries the poll until it succeeds: the default error handler would give up after ten
      // attempts and commit past requests that were never answered.
      container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    }
    return container;
  }

  @Bean
  TriggerStart triggerStart(
      ConcurrentMessageListenerContainer<byte[], byte[]> streamContainer,
      Readiness readiness,
      KafkaTriggerProperties properties) {
    return new TriggerStart(streamContainer, readiness::isReady, properties);
  }

  private static ContainerProperties containerProperties(
      KafkaTriggerProperties properties,
      StreamListener listener,
      StreamMetrics metrics,
      DefaultKafkaProducerFactory<byte[], byte[]> producerFactory) {
    var container = new ContainerProperties(properties.requestsTopic());
    container.setGroupId(properties.groupId());
    container.setClientId(properties.clientPrefix());
    container.setMessageListener(listener);
    container.setAckMode(ContainerProperties.AckMode.BATCH);
    container.setMicrometerEnabled(false);
    container.setConsumerRebalanceListener(
        new ConsumerAwareRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            metrics.revoked(partitions);
          }
        });
    if (properties.delivery() == Delivery.EXACTLY_ONCE) {
      container.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(producerFactory));
    }
    return container;
  }

  private static Map<String, Object> consumerConfig(KafkaTriggerProperties properties) {
    Map<String, Object> config = common(properties);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Requests published in a client's transaction count once it commits.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group answers what was published before its scorers came up.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
    config.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis());
    config.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.min(3_000, properties.sessionTimeout().toMillis() / 3));
    config.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) properties.maxPollInterval().toMillis());
    // The eager range assignor: a cooperative one made every rebalance roll back the poll in
    // flight, and handed partitions over more slowly.
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class));
    return config;
  }

  private static Map<String, Object> common(KafkaTriggerProperties properties) {
    Map<String, Object> config = properties.clientProperties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    return config;
  }
}
