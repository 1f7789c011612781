package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Sample;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.testsupport.models.StoredVersions;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL is stopped for 10 s and started again on the same port and data directory while two
 * scorers answer a steady load and a trainer trains a run. The scorers answer every request from
 * their cache throughout; the trainer finishes the run once the database is back; and a promotion
 * made while the scorers are still disconnected is served within 2 s of their reconnect.
 *
 * <p>The scorers log in as a reader role (as deployed). Their login is disabled before the restart
 * and enabled again after the promotion: that holds them off long enough that the promotion
 * certainly lands while they are disconnected, so its notification is certainly lost and only the
 * reconcile on reconnect can pick it up, instead of racing their reconnect backoff. Their periodic
 * poll is set long for the same reason: it would pick the promotion up through the pool.
 */
class PostgresOutageTest extends ReliabilityTest {

  private static final Duration OUTAGE = Duration.ofSeconds(10);

  /**
   * From a scorer's change listener reconnecting to its serving a promotion it missed. Measured
   * 0.92 and 0.98 s (RELIABILITY.md); 2 s is about twice that. Before the fix this guards (a
   * reconcile that waited out the pool's refill backoff) it was 4.3 to 4.7 s.
   */
  private static final Duration PICKUP = Duration.ofSeconds(2);

  private static final String SCORER_USER = "scopeml_scorer";
  private static final String SCORER_PASSWORD = "outage-test-reader";
  private static final Pattern LISTENING =
      Pattern.compile("listening for model changes \\(backend pid (\\d+)\\)");

  private RestartablePostgres postgres;
  private DatabaseSettings owner;
  private String predictBody;
  private int secondVersion;
  private final List<ServiceProcess> scorers = new ArrayList<>();
  private ServiceProcess trainer;

  @Override
  protected DatabaseSettings database() {
    return owner;
  }

  @BeforeAll
  void startDatabaseScorersAndTrainer() {
    Path data = workDirectory().resolve("pgdata");
    postgres = new RestartablePostgres(data, freePort()).start();
    owner = postgres.database("scopeml", 4);
    Database.migrate(dataSource());
    Database.ensureReaderLogin(dataSource(), SCORER_USER, SCORER_PASSWORD);
    var store = new JdbcModelStore(dataSource());
    predictBody = TelcoModel.servingOneYear(store).body(1);
    secondVersion =
        store
            .saveVersion(StoredVersions.asNew(store, TelcoModel.MODEL, TelcoModel.ONE_YEAR, 1))
            .version();

    var reader = new DatabaseSettings(owner.url(), SCORER_USER, SCORER_PASSWORD, 4, "scorer");
    for (String name : List.of("scorer-a", "scorer-b")) {
      // Only the reconcile after the listener reconnects may pick the promotion up: the periodic
      // poll, the backstop, would otherwise race it.
      scorers.add(startScorer(name, reader, Map.of("scopeml.scorer.poll-interval", "10m")));
    }
    trainer =
        startTrainer(
            "trainer",
            owner,
            Map.of(
                "scopeml.trainer.workers", "2",
                "scopeml.trainer.lease", "4s",
                "scopeml.trainer.heartbeat", "1s",
                "scopeml.trainer.poll-interval", "200ms"));
    scorers.forEach(s -> s.awaitOk("/readyz", Duration.ofMinutes(2)));
    trainer.awaitOk("/actuator/health", Duration.ofMinutes(2));
  }

  @AfterAll
  void stopDatabase() {
    // The services first, while the database they would otherwise retry against still answers.
    stopProcesses();
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void scorersServeFromCacheTheTrainerResumesAndAMissedPromotionIsPickedUp() throws SQLException {
    var loads =
        scorers.stream()
            .map(
                s ->
                    // Straight to the scorer, never resent: a request without an answer is a
                    // failure of the scorer.
                    HttpLoad.start(
                        HttpLoad.Settings.post(s.uri(TelcoModel.PREDICT), predictBody)
                            .withConnections(2)
                            .withPause(Duration.ofMillis(5))
                            .withDuration(Duration.ofMinutes(5))))
            .toList();
    String run = submitRun();
    Eventually.until(
        Duration.ofMinutes(2),
        Duration.ofMillis(200),
        () -> count("SELECT count(*) FROM training_tasks WHERE status = 'succeeded'") >= 4,
        () -> "the run to be under way");

    execute("ALTER ROLE " + SCORER_USER + " NOLOGIN");
    Instant stopped = Instant.now();
    postgres.stop();
    Eventually.pause(OUTAGE);
    postgres.start();
    Instant restarted = Instant.now();

    Http.Reply promoted = promoteWhileScorersAreAway();
    Instant promotedAt = Instant.now();
    assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE usename = ?", SCORER_USER))
        .as("no scorer is connected when the promotion is made")
        .isZero();
    execute("ALTER ROLE " + SCORER_USER + " LOGIN");

    var pickups = new ArrayList<Double>();
    for (int i = 0; i < scorers.size(); i++) {
      pickups.add(secondsFromReconnectToServed(scorers.get(i), loads.get(i)));
    }
    JsonNode view = awaitRun(trainer, run, Duration.ofMinutes(4));
    List<LoadResult> results = loads.stream().map(HttpLoad.Running::stop).toList();

    // The cache answered everything, throughout, with the right numbers.
    var outcomes = results.stream().flatMap(r -> r.samples().stream()).toList();
    var failures = outcomes.stream().filter(Sample::failed).toList();
    long duringOutage =
        outcomes.stream()
            .filter(o -> o.answeredAtMillis() >= stopped.toEpochMilli())
            .filter(o -> o.answeredAtMillis() <= restarted.toEpochMilli())
            .count();
    assertThat(failures).as("failed predictions").isEmpty();
    assertThat(duringOutage).as("predictions answered while the database was down").isPositive();
    assertThat(outcomes)
        .extracting(PostgresOutageTest::probabilities)
        .as("every answer is the same prediction (v2 is a copy of v1)")
        .containsOnly(probabilities(outcomes.getFirst()));
    assertThat(
            outcomes.stream()
                .filter(o -> o.answeredAtMillis() < promotedAt.toEpochMilli() - 1000)
                .map(o -> o.header("X-Model-Version")))
        .as("v1 until the promotion")
        .containsOnly("1");
    scorers.forEach(s -> assertThat(Http.statusOf(s.uri("/readyz"))).isEqualTo(200));
    assertThat(pickups).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(PICKUP.toSeconds()));

    // The trainer came back to the run and finished it, every scope once.
    assertThat(view.path("status").asString()).as("run %s", view).isEqualTo("succeeded");
    assertThat(view.path("failed").asInt()).isZero();
    long finishedBefore =
        count("SELECT count(*) FROM training_tasks WHERE finished_at < ?", Timestamp.from(stopped));
    long resumed =
        count(
            "SELECT count(*) FROM training_tasks WHERE finished_at > ?", Timestamp.from(restarted));
    long retried = count("SELECT count(*) FROM training_tasks WHERE attempts > 1");
    assertThat(resumed).as("tasks finished after the restart").isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT scope FROM promotion_events WHERE model = 'mlc'"
                    + " GROUP BY scope HAVING count(*) > 1) twice"))
        .as("scopes promoted twice")
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM promotion_events WHERE model = ? AND to_version = ?",
                TelcoModel.MODEL,
                secondVersion))
        .isEqualTo(1);

    String test = getClass().getSimpleName();
    CaseReport.record(
        "faults",
        "PostgreSQL stopped 10 s and restarted: 2 scorers answer from their cache",
        outcomes.size(),
        failures.size(),
        String.format(
            "%d predictions answered during the %.1f s outage; every answer the same prediction",
            duringOutage, Duration.between(stopped, restarted).toMillis() / 1000.0),
        test);
    CaseReport.record(
        "faults",
        "PostgreSQL stopped 10 s and restarted: the trainer resumes the run",
        view.path("total").asLong(),
        view.path("total").asLong()
            - view.path("succeeded").asLong()
            - view.path("skipped").asLong(),
        String.format(
            "of %d tasks %d ended before the stop and %d after the restart, %d retried; run %s;"
                + " 0 scopes promoted twice",
            view.path("total").asInt(),
            finishedBefore,
            resumed,
            retried,
            view.path("status").asString()),
        test);
    CaseReport.record(
        "faults",
        "promotion made while the scorers were disconnected, served after reconnect",
        scorers.size(),
        pickups.stream().filter(s -> s > PICKUP.toSeconds()).count(),
        String.format(
            "promoted %s; served %s s after each scorer's reconnect (limit %d s)",
            promoted.status() == 200 ? "through the admin API" : "?",
            pickups.stream().map(s -> String.format("%.2f", s)).toList(),
            PICKUP.toSeconds()),
        test);
  }

  private String submitRun() {
    Http.Reply reply =
        admin(
            trainer,
            "POST",
            "/v1/runs",
            Map.of(
                "model", "mlc",
                "source", Map.of("csv", "mlc_churn.csv"),
                "label", "churn",
                "scopeBy", List.of("state"),
                "params", Map.of("trees", 20, "maxDepth", 3),
                "minRows", 20,
                "promote", Map.of("policy", "always")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("run").asString();
  }

  /** Promotes v2 through the trainer's admin API, retrying while its pool reconnects. */
  private Http.Reply promoteWhileScorersAreAway() {
    var body =
        Map.of(
            "scope",
            TelcoModel.ONE_YEAR.toString(),
            "version",
            secondVersion,
            "reason",
            "promoted while the scorers were disconnected");
    var reply = new java.util.concurrent.atomic.AtomicReference<Http.Reply>();
    Eventually.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        () -> {
          try {
            reply.set(admin(trainer, "POST", "/v1/models/" + TelcoModel.MODEL + "/promote", body));
            return reply.get().status() == 200;
          } catch (UncheckedIOException e) {
            return false;
          }
        },
        () -> "the promotion through the trainer, last answer " + reply.get());
    return reply.get();
  }

  /**
   * Seconds between the scorer's change listener reconnecting (its backend's start, read from the
   * database by the pid the scorer logged) and the first answer from v2 that reached the load.
   */
  private double secondsFromReconnectToServed(ServiceProcess scorer, HttpLoad.Running load)
      throws SQLException {
    var pid = new java.util.concurrent.atomic.AtomicInteger();
    Eventually.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        () -> {
          List<Integer> pids = listenerPids(scorer);
          if (pids.size() < 2) {
            return false;
          }
          pid.set(pids.getLast());
          return true;
        },
        () -> scorer.name() + " to reconnect its change listener");
    Eventually.until(
        PICKUP.plusSeconds(10),
        Duration.ofMillis(50),
        () -> firstAnswerOfV2(load.soFar()).isPresent(),
        () -> scorer.name() + " to serve v" + secondVersion);
    Instant reconnected = backendStart(pid.get());
    long served = firstAnswerOfV2(load.soFar()).orElseThrow().answeredAtMillis();
    return (served - reconnected.toEpochMilli()) / 1000.0;
  }

  private Optional<Sample> firstAnswerOfV2(LoadResult load) {
    return load.firstAnsweredWith("X-Model-Version", Integer.toString(secondVersion));
  }

  /** The first prediction's probabilities as JSON text, or the error when there is no answer. */
  private static String probabilities(Sample sample) {
    return sample.status() == 200
        ? Http.JSON
            .readTree(sample.text())
            .path("predictions")
            .path(0)
            .path("probabilities")
            .toString()
        : sample.text();
  }

  private static List<Integer> listenerPids(ServiceProcess scorer) {
    Matcher matcher = LISTENING.matcher(scorer.log());
    var pids = new ArrayList<Integer>();
    while (matcher.find()) {
      pids.add(Integer.parseInt(matcher.group(1)));
    }
    return pids;
  }

  private Instant backendStart(int pid) throws SQLException {
    try (var connection = dataSource().getConnection();
        var query =
            connection.prepareStatement(
                "SELECT backend_start FROM pg_stat_activity WHERE pid = ?")) {
      query.setInt(1, pid);
      try (var rows = query.executeQuery()) {
        assertThat(rows.next()).as("listener backend %d is connected", pid).isTrue();
        return rows.getTimestamp(1).toInstant();
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
