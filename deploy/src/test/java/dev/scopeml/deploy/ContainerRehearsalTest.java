package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.kafka.broker.KafkaBroker;
import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamRun;
import dev.scopeml.kafka.stream.StreamTopics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose deployment started on this machine as far as it can be without a Docker engine: a
 * fresh PostgreSQL of the image's release, set up as the postgres image does it (owner from
 * POSTGRES_USER with the db_password secret, then every script of the mounted init folder, run with
 * psql), then the trainer and the scorer as {@link ContainerRehearsal}s of their images with
 * compose's environment and secrets. Both must pass their images' healthchecks: the jars split and
 * relaunched as the images do, the JVM flags of the base image, the variables and secret files
 * compose hands over, the init script's read-only scorer login, the scorer's Kafka trigger (on the
 * build's broker in the {@code kafka} service's place) and the probe paths all work together.
 * Passwords are required for every login but the server's own administrator, so a secret that does
 * not arrive fails the test.
 */
class ContainerRehearsalTest {

  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final String HEAP = "-Xms64m -Xmx768m";

  @TempDir Path folder;

  @Test
  void theTrainerAndTheScorerComeUpHealthyAsCompose() throws Exception {
    Deployment deployment = Repository.deployment();
    ComposeService postgres = deployment.compose().service("postgres").orElseThrow();
    try (EmbeddedPostgres server = startPostgres();
        KafkaBroker kafka = startKafka()) {
      String database = postgres.environment().get("POSTGRES_DB");
      String owner = postgres.environment().get("POSTGRES_USER");
      String ownerPassword =
          secret(deployment, postgres.environment().get("POSTGRES_PASSWORD_FILE"));
      createOwner(server, owner, ownerPassword, database);
      runInitScripts(deployment, postgres, server.getPort(), ownerPassword);

      Map<String, Object> client = ClientProperties.of(kafka.bootstrapServers());
      StreamTopics.defaults().ensure(client, 2, STARTUP);
      Map<String, String> addresses =
          Map.of("postgres", "localhost:" + server.getPort(), "kafka", kafka.bootstrapServers());
      try (var trainer = rehearse(deployment, "trainer", addresses);
          var scorer = rehearse(deployment, "scorer", addresses)) {
        trainer.start();
        assertThat(trainer.awaitHealthy(STARTUP))
            .as("trainer healthy; its output:\n%s", tail(trainer.output()))
            .isTrue();
        scorer.start();
        assertThat(scorer.awaitHealthy(STARTUP))
            .as("scorer healthy; its output:\n%s", tail(scorer.output()))
            .isTrue();

        var scorerService = deployment.compose().service("scorer").orElseThrow();
        String scorerUser = scorerService.environment().get("SCOPEML_DB_USER");
        String scorerPassword =
            secret(deployment, scorerService.environment().get("SCOPEML_DB_PASSWORD_FILE"));
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, scorerUser, scorerPassword);
            var statement = connection.createStatement()) {
          String table = someMigratedTable(connection);
          statement.executeQuery("SELECT count(*) FROM " + table).close();
          assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + table))
              .as("the scorer's login may read %s but not change it", table)
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("permission denied");
        }
        // Compose's Kafka settings: the scorer consumes the requests topic and answers a request
        // (with a dead letter here, since no model is trained).
        try (var run = new StreamRun(client, StreamTopics.defaults(), 1, 1)) {
          run.publish(n -> "{\"model\": \"churn\", \"instances\": [{}]}".getBytes(), 0);
          StreamReport report = run.await(STARTUP, progress -> {});
          assertThat(report.answered()).as("requests the scorer answered: %s", report).isOne();
          assertThat(report.deadLetterReasons())
              .as("the scorer's answer")
              .containsOnlyKeys("{\"error\":\"model 'churn' does not exist\"}");
        }
        assertThat(trainer.running()).isTrue();
        assertThat(scorer.running()).isTrue();
      }
    }
  }

  private ContainerRehearsal rehearse(
      Deployment deployment, String service, Map<String, String> addresses) throws IOException {
    AppImage app = deployment.app(service).orElseThrow();
    return new ContainerRehearsal(
        deployment, app, Files.createDirectories(folder.resolve(service)), addresses, HEAP);
  }

  /** The build's Kafka broker in compose's {@code kafka} service's place. */
  private KafkaBroker startKafka() {
    return KafkaBroker.onFreePorts(
            Path.of("..", "kafka", "target", "broker"), folder.resolve("kafka"))
        .start()
        .awaitReady(STARTUP);
  }

  /** A fresh cluster where every login but the administrator must give its password. */
  private EmbeddedPostgres startPostgres() throws IOException {
    Path hba = folder.resolve("pg_hba.conf");
    Files.writeString(
        hba,
        """
        local all all trust
        host all postgres 127.0.0.1/32 trust
        host all postgres ::1/128 trust
        host all all 127.0.0.1/32 scram-sha-256
        host all all ::1/128 scram-sha-256
        """);
    return EmbeddedPostgres.builder()
        .setServerConfig("hba_file", hba.toString())
        .setServerConfig("password_encryption", "scram-sha-256")
        .start();
  }

  /** What the postgres image does with POSTGRES_USER, its password and POSTGRES_DB. */
  private static void createOwner(
      EmbeddedPostgres server, String owner, String password, String database) throws SQLException {
    try (Connection admin = server.getPostgresDatabase().getConnection();
        var statement = admin.createStatement();
        var quote = admin.prepareStatement("SELECT quote_ident(?), quote_literal(?)")) {
      quote.setString(1, owner);
      quote.setString(2, password);
      String ident;
      String literal;
      try (var rows = quote.executeQuery()) {
        rows.next();
        ident = rows.getString(1);
        literal = rows.getString(2);
      }
      statement.execute("CREATE ROLE " + ident + " SUPERUSER LOGIN PASSWORD " + literal);
      statement.execute("CREATE DATABASE " + database + " OWNER " + ident);
    }
  }

  /** Each script of the folder compose mounts at /docker-entrypoint-initdb.d, in name order. */
  private void runInitScripts(
      Deployment deployment, ComposeService postgres, int port, String ownerPassword)
      throws IOException, InterruptedException {
    Path initFolder =
        postgres.mounts().stream()
            .filter(m -> m.target().equals("/docker-entrypoint-initdb.d"))
            .map(m -> deployment.compose().directory().resolve(m.source()).normalize())
            .findFirst()
            .orElseThrow(() -> new AssertionError("postgres mounts no init scripts"));
    List<Path> scripts;
    try (Stream<Path> files = Files.list(initFolder)) {
      scripts = files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(scripts).as("init scripts in %s", initFolder).isNotEmpty();
    for (Path script : scripts) {
      var builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
      var environment = builder.environment();
      postgres
          .environment()
          .forEach(
              (name, value) ->
                  environment.put(
                      name,
                      value.startsWith("/run/secrets/")
                          ? secretFile(deployment, value).toString()
                          : value));
      // In the image the scripts reach the server through its socket; here through TCP.
      environment.put("PGHOST", "localhost");
      environment.put("PGPORT", Integer.toString(port));
      environment.put("PGPASSWORD", ownerPassword);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0)
          .as("%s ran; its output: %s", script.getFileName(), output)
          .isTrue();
    }
  }

  private static String someMigratedTable(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name <> 'scopeml_schema_history' ORDER BY table_name LIMIT 1")) {
      assertThat(rows.next()).as("the trainer migrated the schema").isTrue();
      return rows.getString(1);
    }
  }

  /** The example file standing for the secret at {@code containerPath}. */
  private static Path secretFile(Deployment deployment, String containerPath) {
    String name = containerPath.substring("/run/secrets/".length());
    return deployment
        .compose()
        .directory()
        .resolve(deployment.compose().secretFiles().get(name) + ".example")
        .normalize();
  }

  private static String secret(Deployment deployment, String containerPath) throws IOException {
    return Files.readString(secretFile(deployment, containerPath)).strip();
  }

  private static String tail(String output) {
    List<String> lines = new ArrayList<>(List.of(output.split("\n")));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
