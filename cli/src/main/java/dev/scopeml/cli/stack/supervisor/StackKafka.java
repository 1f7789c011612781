package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.kafka.broker.KafkaBroker;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import java.time.Duration;

/**
 * The stack's Kafka broker: one node in KRaft mode on 127.0.0.1, run from the build's Kafka jars as
 * a process in a session of its own, its data in the stack directory so requests and results
 * survive {@code down} and {@code up}.
 */
final class StackKafka implements StackComponent {

  private static final Duration READY = Duration.ofMinutes(2);
  private static final Duration STOP = Duration.ofSeconds(30);

  private final KafkaBroker broker;

  private StackKafka(KafkaBroker broker) {
    this.broker = broker;
  }

  /** Starts the broker on {@code port} and waits until it takes clients. */
  static StackKafka start(StackPaths paths, int port) {
    var broker =
        new KafkaBroker(
            paths.kafkaLibraries(),
            paths.kafkaDirectory(),
            port,
            LoopbackPorts.free(),
            paths.logs().resolve("kafka.log"));
    try {
      broker.start();
    } catch (RuntimeException e) {
      throw new StackException("the Kafka broker did not start: " + e.getMessage(), e);
    }
    var started = new StackKafka(broker);
    try {
      broker.awaitReady(READY);
    } catch (RuntimeException e) {
      started.stop();
      throw new StackException(e.getMessage(), e);
    }
    return started;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  ProcessRef process() {
    return broker.process();
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void stop() {
    // After the scorers: they commit their last poll on the way out.
    broker.stop(STOP);
  }
}
