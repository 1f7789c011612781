package dev.scopeml.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of a single-node KRaft broker on 127.0.0.1: one process is both broker and
 * controller, every internal topic has one replica, and the quorum's one voter is named in the file
 * (a static quorum), so the ports may change from one start to the next without reformatting.
 */
final class ServerProperties {

  /** The broker's one node id, also its controller's voter id. */
  static final int NODE_ID = 1;

  private ServerProperties() {}

  /**
   * @param data where the broker keeps its logs and metadata
   * @param port the clients' listener
   * @param controllerPort the controller's listener
   */
  static String text(Path data, int port, int controllerPort) {
    String host = "127.0.0.1";
    return String.join(
        "\n",
        "# Written by ScopeML at every start of the broker.",
        "process.roles=broker,controller",
        "node.id=" + NODE_ID,
        "controller.quorum.voters=" + NODE_ID + "@" + host + ":" + controllerPort,
        "listeners=PLAINTEXT://"
            + host
            + ":"
            + port
            + ",CONTROLLER://"
            + host
            + ":"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://" + host + ":" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + data.toAbsolutePath(),
        // One node: every topic, internal ones included, has one replica.
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // Topics are created on purpose, with their partition counts, never by a typo.
        "auto.create.topics.enable=false",
        "group.initial.rebalance.delay.ms=0",
        // A scorer that dies leaves its group after a short session, and its open transaction is
        // aborted soon after it times out, so that read_committed readers are not held up long.
        "group.min.session.timeout.ms=1000",
        "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
        // A small machine: few threads, and a day of requests and results kept.
        "num.network.threads=2",
        "num.io.threads=2",
        "num.recovery.threads.per.data.dir=1",
        "log.retention.hours=24",
        "log.segment.bytes=67108864",
        "");
  }

  static void write(Path file, Path data, int port, int controllerPort) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text(data, port, controllerPort));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
