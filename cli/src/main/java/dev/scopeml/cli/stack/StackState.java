package dev.scopeml.cli.stack;

import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.ProcessRef;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the supervisor has started, saved after every step so {@code down}, {@code status} and a
 * later {@code up} can find it, including after the supervisor was killed.
 *
 * @param status {@code starting}, {@code up} or {@code stopping}
 * @param supervisor the supervisor process
 * @param databaseUrl JDBC URL of the ScopeML database (no credentials)
 * @param postgres the embedded PostgreSQL's postmaster, or null for an external database
 * @param trainerUrl the trainer's base URL
 * @param trainer the trainer process
 * @param nginxUrl nginx's base URL, or null when nginx is not installed
 * @param startedAt when the supervisor started
 * @param kafkaBootstrap the Kafka cluster the scorers consume from, {@code host:port}
 * @param kafka the local Kafka broker, or null for a cluster named by {@code
 *     SCOPEML_KAFKA_BOOTSTRAP}
 */
public record StackState(
    String status,
    ProcessRef supervisor,
    String databaseUrl,
    ProcessRef postgres,
    String trainerUrl,
    ProcessRef trainer,
    String nginxUrl,
    Instant startedAt,
    String kafkaBootstrap,
    ProcessRef kafka) {

  public static final String STARTING = "starting";
  public static final String UP = "up";
  public static final String STOPPING = "stopping";

  /** The stack state saved in {@code file}, replaced atomically after every step. */
  public static JsonStateFile<StackState> file(Path file) {
    return new JsonStateFile<>(file, StackState.class);
  }

  public static StackState starting(ProcessRef supervisor) {
    return new StackState(
        STARTING, supervisor, null, null, null, null, null, Instant.now(), null, null);
  }

  public boolean isUp() {
    return UP.equals(status);
  }

  public StackState withStatus(String newStatus) {
    return new StackState(
        newStatus,
        supervisor,
        databaseUrl,
        postgres,
        trainerUrl,
        trainer,
        nginxUrl,
        startedAt,
        kafkaBootstrap,
        kafka);
  }

  public StackState withDatabase(String url, ProcessRef postmaster) {
    return new StackState(
        status,
        supervisor,
        url,
        postmaster,
        trainerUrl,
        trainer,
        nginxUrl,
        startedAt,
        kafkaBootstrap,
        kafka);
  }

  public StackState withTrainer(String url, ProcessRef process) {
    return new StackState(
        status,
        supervisor,
        databaseUrl,
        postgres,
        url,
        process,
        nginxUrl,
        startedAt,
        kafkaBootstrap,
        kafka);
  }

  public StackState withNginx(String url) {
    return new StackState(
        status,
        supervisor,
        databaseUrl,
        postgres,
        trainerUrl,
        trainer,
        url,
        startedAt,
        kafkaBootstrap,
        kafka);
  }

  public StackState withKafka(String bootstrap, ProcessRef broker) {
    return new StackState(
        status,
        supervisor,
        databaseUrl,
        postgres,
        trainerUrl,
        trainer,
        nginxUrl,
        startedAt,
        bootstrap,
        broker);
  }
}
