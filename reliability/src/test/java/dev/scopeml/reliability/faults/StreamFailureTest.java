package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamRun;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.testsupport.kafka.TestKafka;
import dev.scopeml.testsupport.metrics.PrometheusText;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scorer processes in one consumer group on a real broker (the build's broker process), answering a
 * stream of one-row prediction requests while scorers are killed with SIGKILL or the group is
 * scaled up and down. A {@code read_committed} reader then counts the answers of every request:
 * with exactly-once delivery each must have exactly one, with at-least-once at least one. Each case
 * uses topics and a group of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamFailureTest extends ReliabilityTest {

  private static final int PARTITIONS = 6;

  /**
   * How long a scorer may take to hold partitions and answer: a restarted one starts, warms up and
   * only then joins the group, which on a loaded two-core machine has taken more than 3 minutes. A
   * liveness bound only: what is checked is that nothing is lost or answered twice.
   */
  private static final Duration ANSWERED = Duration.ofMinutes(6);

  private static final Duration READY = Duration.ofMinutes(2);

  /** A pace the scorers keep up with on two cores, so that every phase lasts seconds. */
  private static final double PER_SECOND = 4_000;

  private TestKafka kafka;
  private byte[] request;

  @BeforeAll
  void brokerAndModel() {
    kafka = TestKafka.start(workDirectory().resolve("kafka"));
    request = TelcoModel.servingOneYear(new JdbcModelStore(dataSource())).streamRequest(1);
  }

  @AfterAll
  void stopBroker() {
    stopProcesses();
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void exactlyOnceWhileOneOfThreeScorersIsKilledTwice() {
    StreamReport report = underKills("eos", "exactly-once", 100_000);
    record("exactly once: 1 of 3 scorers SIGKILLed twice mid-stream (6 partitions)", report, false);
    assertThat(report.missing()).as("requests without a result").isZero();
    assertThat(report.duplicated()).as("results beyond one per request").isZero();
    assertThat(report.deadLetters()).isZero();
  }

  @Test
  @Order(2)
  void atLeastOnceUnderTheSameKillsLosesNothing() {
    StreamReport report = underKills("alo", "at-least-once", 100_000);
    record("at least once: 1 of 3 scorers SIGKILLed twice mid-stream (6 partitions)", report, true);
    assertThat(report.missing()).as("requests without a result").isZero();
  }

  @Test
  @Order(3)
  void scalingFromOneToThreeScorersAndBackLosesAndRepeatsNothing() {
    StreamTopics topics = kafka.topics("scale-", PARTITIONS);
    int requests = 40_000;
    ServiceProcess first = scorer("scale-1", topics, "scale", "exactly-once");
    awaitReady(first);
    try (var run = new StreamRun(kafka.client(), topics, requests, 1)) {
      Thread publisher = publish(run, 0, requests / 4);
      var added =
          List.of(
              scorer("scale-2", topics, "scale", "exactly-once"),
              scorer("scale-3", topics, "scale", "exactly-once"));
      added.forEach(this::awaitReady);
      join(publisher);
      publisher = publish(run, requests / 4, requests * 3 / 4);
      for (ServiceProcess scorer : added) {
        awaitConsumed(scorer);
      }
      long answeredAtScaleDown = run.progress().answered();
      added.forEach(ServiceProcess::terminate);
      for (ServiceProcess scorer : added) {
        assertThat(scorer.awaitExit(Duration.ofSeconds(40))).as("%s stopped", scorer).isTrue();
      }
      join(publisher);
      join(publish(run, requests * 3 / 4, requests));
      StreamReport report = run.await(ANSWERED, progress -> {});
      System.out.printf(
          "stream scaled 1 -> 3 -> 1, down at %d answers: %s%n", answeredAtScaleDown, report);
      record("exactly once: scorers scaled 1 -> 3 -> 1 mid-stream", report, false);
      assertThat(answeredAtScaleDown).as("scaled down mid-stream").isLessThan(requests);
      assertThat(report.exactlyOnce()).as("%s", report).isTrue();
    } finally {
      stopProcesses();
    }
  }

  /**
   * Three scorers answer {@code requests} requests, published in three phases at a steady pace; one
   * of them is killed while it answers the first phase, restarted with the same instance id, killed
   * again while it answers the second, and restarted for the third.
   */
  private StreamReport underKills(String name, String delivery, int requests) {
    StreamTopics topics = kafka.topics(name + "-", PARTITIONS);
    var scorers = new ArrayList<ServiceProcess>();
    for (int i = 1; i <= 3; i++) {
      scorers.add(scorer(name + "-" + i, topics, name, delivery));
    }
    scorers.forEach(this::awaitReady);
    int[] phases = {0, requests * 3 / 10, requests * 6 / 10, requests};
    try (var run = new StreamRun(kafka.client(), topics, requests, 1)) {
      ServiceProcess victim = scorers.get(1);
      var answeredAtKill = new ArrayList<Long>();
      for (int phase = 0; phase < 3; phase++) {
        Thread publisher = publish(run, phases[phase], phases[phase + 1]);
        if (phase < 2) {
          awaitConsumed(victim);
          answeredAtKill.add(run.progress().answered());
          victim.kill();
          // The same instance id: its producer fences the dead one's open transaction.
          victim = scorer(name + "-2-restart-" + (phase + 1), topics, name, delivery, name + "-2");
        }
        join(publisher);
        awaitReady(victim);
      }
      StreamReport report = run.await(ANSWERED, progress -> {});
      System.out.printf(
          "stream %s: killed scorer 2 at %s answers: %s%n", delivery, answeredAtKill, report);
      assertThat(answeredAtKill)
          .as("both kills mid-stream")
          .allSatisfy(answered -> assertThat(answered).isLessThan(requests));
      return report;
    } finally {
      stopProcesses();
    }
  }

  /**
   * Records the case: a request without an answer always breaks the promise, one answered twice
   * only when {@code repeatsAllowed} is false.
   */
  private void record(String name, StreamReport report, boolean repeatsAllowed) {
    long broken =
        report.missing() + report.sendFailures() + (repeatsAllowed ? 0 : report.duplicated());
    CaseReport.record(
        "faults",
        "stream, " + name,
        report.requests(),
        broken,
        report.missing()
            + " missing, "
            + report.duplicated()
            + (repeatsAllowed ? " answered twice (allowed)" : " answered twice"),
        getClass().getSimpleName());
  }

  /** Publishes requests {@code from} to {@code to} at {@value #PER_SECOND} a second. */
  private Thread publish(StreamRun run, int from, int to) {
    return Thread.ofPlatform().start(() -> run.publish(from, to, n -> request, PER_SECOND));
  }

  /** Waits until {@code scorer} has answered some requests: it holds partitions and is busy. */
  private static void awaitConsumed(ServiceProcess scorer) {
    Eventually.until(
        ANSWERED,
        Duration.ofMillis(50),
        () -> consumed(scorer) >= 1_000,
        () -> scorer + " to answer requests");
  }

  private ServiceProcess scorer(String name, StreamTopics topics, String group, String delivery) {
    return scorer(name, topics, group, delivery, name);
  }

  /**
   * @param instance the scorer's instance id: a restarted scorer keeps its predecessor's, so its
   *     transactional producer fences the dead one's and aborts its open transaction
   */
  private ServiceProcess scorer(
      String name, StreamTopics topics, String group, String delivery, String instance) {
    var settings = new HashMap<>(kafka.scorerProperties(topics, group));
    settings.put("scopeml.scorer.kafka.delivery", delivery);
    settings.put("scopeml.scorer.kafka.instance-id", instance);
    return startScorer(name, database(), settings);
  }

  private void awaitReady(ServiceProcess scorer) {
    scorer.awaitOk("/readyz", READY);
  }

  /** Requests the scorer has consumed; 0 while it cannot be asked (it is starting or gone). */
  private static double consumed(ServiceProcess scorer) {
    try {
      Http.Reply reply = Http.get(scorer.operatorUri("/actuator/prometheus"));
      return reply.status() == 200
          ? new PrometheusText(reply.body()).sum("scopeml_stream_consumed_total", "")
          : 0;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
