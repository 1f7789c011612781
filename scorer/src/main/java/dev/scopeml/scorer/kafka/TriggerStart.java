package dev.scopeml.scorer.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts the trigger's container once the scorer is ready (the versions active at start are loaded
 * and verified), so a scorer joins the consumer group only when it can answer: before that the
 * group's other members keep its share of the partitions. Watches from a thread of its own, started
 * with the context and stopped with it.
 */
final class TriggerStart implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TriggerStart.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(100);

  private final MessageListenerContainer container;
  private final BooleanSupplier ready;
  private final KafkaTriggerProperties properties;
  private volatile Thread watcher;

  TriggerStart(
      MessageListenerContainer container,
      BooleanSupplier ready,
      KafkaTriggerProperties properties) {
    this.container = container;
    this.ready = ready;
    this.properties = properties;
  }

  @Override
  public void start() {
    watcher = Thread.ofVirtual().name("stream-start").start(this::startWhenReady);
  }

  private void startWhenReady() {
    try {
      while (!ready.getAsBoolean()) {
        Thread.sleep(CHECK_EVERY);
      }
    } catch (InterruptedException e) {
      return;
    }
    synchronized (this) {
      if (watcher != null) {
        container.start();
        log.info(
            "ready: consuming {} in group {} ({}, {} consumer(s)); results to {}, dead letters to"
                + " {}",
            properties.requestsTopic(),
            properties.groupId(),
            properties.delivery() == Delivery.EXACTLY_ONCE ? "exactly once" : "at least once",
            properties.consumers(),
            properties.resultsTopic(),
            properties.deadLetterTopic());
      }
    }
  }

  @Override
  public void stop() {
    Thread running;
    synchronized (this) {
      running = watcher;
      watcher = null;
    }
    if (running != null) {
      running.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return watcher != null;
  }

  /** Stops before the container, so it can never start a container that is being stopped. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 10;
  }
}
