package dev.scopeml.bench.stream;

import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamRun;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.testsupport.kafka.TestKafka;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Scorer processes in one consumer group on topics of their own, all with one delivery guarantee,
 * either scoring or passing requests through; and runs of requests through them, measured by the
 * stream client as a {@code read_committed} reader.
 */
final class StreamGroup implements AutoCloseable {

  private static final Duration READY = Duration.ofMinutes(3);
  private static final Duration ANSWERED = Duration.ofMinutes(5);

  private final TestKafka kafka;
  private final StreamTopics topics;
  private final String group;
  private final List<ServiceProcess> scorers = new ArrayList<>();

  private StreamGroup(TestKafka kafka, StreamTopics topics, String group) {
    this.kafka = kafka;
    this.topics = topics;
    this.group = group;
  }

  /**
   * Starts {@code count} scorers named {@code name-<n>} and waits until they are ready.
   *
   * @param delivery {@code exactly-once} or {@code at-least-once}
   * @param passThrough whether they copy requests to the results topic instead of scoring them
   */
  static StreamGroup start(
      TestKafka kafka,
      DatabaseSettings db,
      Path logs,
      String name,
      String delivery,
      boolean passThrough,
      int count) {
    var group = new StreamGroup(kafka, kafka.topics(name + "-", 6), name);
    var properties = new HashMap<>(kafka.scorerProperties(group.topics, name));
    properties.put("scopeml.scorer.kafka.delivery", delivery);
    properties.put("scopeml.scorer.kafka.pass-through", Boolean.toString(passThrough));
    properties.put("scopeml.scorer.kafka.session-timeout", "10s");
    for (int i = 1; i <= count; i++) {
      group.scorers.add(
          Services.scorer(name + "-" + i, ServiceJars.scorer(), db, properties, logs));
    }
    group.scorers.forEach(scorer -> scorer.awaitOk("/readyz", READY));
    group.awaitStable();
    return group;
  }

  /**
   * Waits until every scorer is a member of the group with partitions of its own: a run timed while
   * the group still rebalances would measure the rebalance.
   */
  void awaitStable() {
    long deadline = System.nanoTime() + READY.toNanos();
    try (Admin admin = Admin.create(kafka.client())) {
      while (!stable(admin)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("group " + group + " is not stable within " + READY);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean stable(Admin admin) throws InterruptedException {
    ConsumerGroupDescription description;
    try {
      description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return false; // no scorer has joined yet
      }
      throw new IllegalStateException("cannot describe group " + group, e);
    }
    return description.groupState() == GroupState.STABLE
        && description.members().size() == scorers.size()
        && description.members().stream()
            .noneMatch(member -> member.assignment().topicPartitions().isEmpty());
  }

  int size() {
    return scorers.size();
  }

  /** Stops the last scorer gracefully; the others take over its partitions. */
  void stopOne() {
    scorers.removeLast().stop(Duration.ofSeconds(40));
    awaitStable();
  }

  /**
   * Sends {@code requests} copies of {@code request} ({@code rows} rows each) and waits for every
   * answer: as fast as the producer takes them when {@code perSecond} is 0, else on that schedule.
   */
  StreamReport run(byte[] request, int rows, int requests, double perSecond) {
    try (var run = new StreamRun(kafka.client(), topics, requests, rows)) {
      Thread publisher = Thread.ofPlatform().start(() -> run.publish(n -> request, perSecond));
      StreamReport report = run.await(ANSWERED, progress -> {});
      publisher.join();
      if (!report.exactlyOnce() && report.missing() > 0) {
        throw new IllegalStateException("requests went unanswered: " + report);
      }
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    scorers.parallelStream().forEach(scorer -> scorer.stop(Duration.ofSeconds(40)));
    scorers.clear();
  }
}
