package dev.scopeml.kafka.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The three topics of the stream: prediction requests, their results, and the dead letters of
 * requests the scorers refused. The defaults are the scorer's ({@code scopeml.scorer.kafka.*}).
 *
 * @param requests where clients publish prediction requests
 * @param results where the scorers publish one result per request
 * @param deadLetters where the scorers publish refused requests with the reason
 */
public record StreamTopics(String requests, String results, String deadLetters) {

  public static final String REQUESTS = "scopeml-requests";
  public static final String RESULTS = "scopeml-results";
  public static final String DEAD_LETTERS = "scopeml-dead-letters";

  /** The partitions of the local stack's requests and results topics. */
  public static final int PARTITIONS = 6;

  public static StreamTopics defaults() {
    return new StreamTopics(REQUESTS, RESULTS, DEAD_LETTERS);
  }

  /** The topics with {@code prefix} before each default name, for a test of its own. */
  public static StreamTopics prefixed(String prefix) {
    return new StreamTopics(prefix + REQUESTS, prefix + RESULTS, prefix + DEAD_LETTERS);
  }

  /**
   * Creates the topics that do not exist yet: requests and results with {@code partitions}
   * partitions each (results keep the order of the request partition with the same number), dead
   * letters with one. Existing topics are left as they are. Returns once every partition of the
   * three has a leader: before that, the first records sent to a new topic may be refused.
   *
   * @param client Kafka client properties, {@code bootstrap.servers} at least
   * @return the names of the topics it created
   */
  public List<String> ensure(Map<String, Object> client, int partitions, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    var created = new ArrayList<String>();
    try (Admin admin = Admin.create(client)) {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      var missing = new ArrayList<NewTopic>();
      for (NewTopic topic :
          List.of(
              new NewTopic(requests, partitions, (short) 1),
              new NewTopic(results, partitions, (short) 1),
              new NewTopic(deadLetters, 1, (short) 1))) {
        if (!existing.contains(topic.name())) {
          missing.add(topic);
        }
      }
      for (NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          created.add(topic.name());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      awaitLeaders(admin, deadline);
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + client.get("bootstrap.servers") + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the stream's topics", e);
    }
  }

  private void awaitLeaders(Admin admin, long deadline) throws InterruptedException {
    List<String> names = List.of(requests, results, deadLetters);
    while (true) {
      try {
        Map<String, TopicDescription> topics =
            admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
        if (topics.values().stream()
            .allMatch(
                t ->
                    t.partitions().stream()
                        .allMatch(p -> p.leader() != null && p.leader().id() >= 0))) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // The broker's metadata has not caught up with the controller's yet.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the partitions of " + names + " have no leader yet");
      }
      Thread.sleep(50);
    }
  }
}
