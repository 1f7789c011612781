package dev.scopeml.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.cli.ScopemlCli;
import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.SecretFile;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.TierState;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * The real local stack, end to end, in a temporary stack directory: {@code scopeml demo} brings up
 * an embedded PostgreSQL, the trainer jar, two scorer jars and nginx; trains, predicts through
 * nginx, promotes, and rolls the scorers out under load. Then {@code up} again finds it running,
 * {@code status} reports it, and {@code down} must leave no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {

  private static final List<String> SCOPES =
      List.of("contract=Month-to-month", "contract=One year", "contract=Two year", "*");

  private Path home;
  private StackPaths paths;
  private final StringWriter transcript = new StringWriter();

  @BeforeAll
  void useATemporaryStackDirectory() throws IOException {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    assertThat(repo.resolve("trainer/target/scopeml-trainer.jar"))
        .as("trainer jar, built before this module")
        .isRegularFile();
    assertThat(repo.resolve("scorer/target/scopeml-scorer.jar"))
        .as("scorer jar, built before this module")
        .isRegularFile();
    assertThat(NginxProcess.findBinary())
        .as("nginx is installed (apt-get install nginx; .ci/run does)")
        .isPresent();
    home = Files.createTempDirectory("scopeml-stack");
    System.setProperty("scopeml.repo", repo.toString());
    System.setProperty("scopeml.home", home.toString());
    paths = StackPaths.current();
  }

  @AfterAll
  void stopWhateverRuns() {
    try {
      new LocalStack(paths, new PrintWriter(transcript, true), Map.of()).down();
    } finally {
      System.clearProperty("scopeml.repo");
      System.clearProperty("scopeml.home");
      System.out.println(transcript);
    }
  }

  @Test
  @Order(1)
  void theDemoTrainsPredictsPromotesAndRollsOutWithoutFailedRequests() {
    CommandLine cli = cli();
    int exit = cli.execute("demo");
    DemoReport report = ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).report();
    String output = transcript.toString();

    assertThat(exit).as("demo exit code; output:%n%s", output).isZero();
    assertThat(report.trained()).containsOnlyKeys(SCOPES);
    assertThat(output)
        .contains("[##############################] 4/4 succeeded")
        .contains("scope                    status     rows  version     auc  accuracy");

    // Each demo customer is answered by its contract's model; the unseen contract by the global.
    assertThat(report.firstAnswers())
        .extracting(ScoringClient.Prediction::scope)
        .containsExactly("contract=Month-to-month", "contract=One year", "contract=Two year", "*");
    assertThat(report.firstAnswers().getLast().fallback()).isTrue();
    for (ScoringClient.Prediction answer : report.firstAnswers()) {
      assertThat(answer.version()).isEqualTo(report.trained().get(answer.scope()));
      assertThat(answer.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    // The telco file through Kafka: every customer answered once, by the scorers' consumer group.
    assertThat(report.stream().requests())
        .as("one request per row of the telco file")
        .isEqualTo(7_043);
    assertThat(report.stream().results()).as("results read back").isEqualTo(7_043);
    assertThat(report.stream().missing()).isZero();
    assertThat(report.stream().duplicated()).isZero();
    assertThat(report.stream().deadLetters()).isZero();
    assertThat(output).contains("scopeml stream --model churn --csv telco_churn.csv");

    // The retrained versions are newer, and they are what serves after the explicit promotion.
    assertThat(report.promoted()).containsOnlyKeys(SCOPES);
    report
        .promoted()
        .forEach(
            (scope, version) -> assertThat(version).isGreaterThan(report.trained().get(scope)));
    for (ScoringClient.Prediction answer : report.promotedAnswers()) {
      assertThat(answer.version()).isEqualTo(report.promoted().get(answer.scope()));
    }

    assertThat(report.fromRelease()).isEqualTo("release-1");
    assertThat(report.toRelease()).isEqualTo("release-2");
    assertThat(report.rollout().succeeded()).as("rollout: %s", report.rollout().failure()).isTrue();
    assertThat(report.rollout().replaced()).isEqualTo(2);
    assertThat(report.load().sent()).as("requests sent during the rollout").isGreaterThan(100);
    assertThat(report.load().failed()).as("failed requests during the rollout").isZero();
    assertThat(report.load().sinceMark())
        .as("answers after the swap")
        .containsOnlyKeys("release-2");
  }

  @Test
  @Order(2)
  void upAgainFindsTheStackRunningAndStatusReportsIt() {
    StackState before = StackState.file(paths.stateFile()).load().orElseThrow();
    CommandLine cli = cli();
    assertThat(cli.execute("up")).isZero();
    assertThat(transcript.toString()).contains("The local stack is already up");
    assertThat(StackState.file(paths.stateFile()).load().orElseThrow().supervisor())
        .isEqualTo(before.supervisor());

    var status = new StringWriter();
    CommandLine statusCli = ScopemlCli.commandLine();
    statusCli.setOut(new PrintWriter(status, true));
    assertThat(statusCli.execute("status")).as(status.toString()).isZero();
    assertThat(status.toString()).contains("trainer", "ready", "release-2", "running", "kafka");
    assertThat(
            status
                .toString()
                .lines()
                .filter(line -> line.contains("release-2") && line.endsWith("yes")))
        .hasSize(2);
  }

  @Test
  @Order(3)
  void scorersLogInWithTheReadOnlyLoginAndPasswordsAreRequired() throws SQLException {
    StackState state = StackState.file(paths.stateFile()).load().orElseThrow();
    String password = new SecretFile(paths.postgresPasswordFile()).read();
    try (var admin = DriverManager.getConnection(state.databaseUrl(), "postgres", password);
        var rows =
            admin
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                        + LocalTier.SCORER_LOGIN
                        + "'")) {
      rows.next();
      assertThat(rows.getInt(1)).as("scorer sessions").isPositive();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DriverManager.getConnection(state.databaseUrl(), "postgres", "wrong").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  @Order(4)
  void downLeavesNoProcessBehind() throws IOException {
    StackState state = StackState.file(paths.stateFile()).load().orElseThrow();
    long nginx = Long.parseLong(Files.readString(paths.nginxPrefix().resolve("nginx.pid")).strip());
    List<Backend> scorers = TierState.file(paths.tierStateFile()).load().orElseThrow().backends();
    assertThat(scorers).hasSize(2);
    Set<Long> core = new HashSet<>();
    core.add(state.supervisor().pid());
    core.add(state.trainer().pid());
    core.add(state.postgres().pid());
    core.add(state.kafka().pid());
    core.add(nginx);
    scorers.forEach(scorer -> core.add(scorer.pid()));
    assertThat(core).as("the stack's processes run before down").allMatch(this::alive);
    // Their children too (PostgreSQL's backends and workers, nginx's workers): some come and go,
    // so they are only required to be gone afterwards.
    Set<Long> pids = new HashSet<>(core);
    for (long pid : core) {
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    }

    List<ProcessRef> processes =
        pids.stream().flatMap(pid -> ProcessHandle.of(pid).stream()).map(ProcessRef::of).toList();

    CommandLine cli = cli();
    assertThat(cli.execute("down")).isZero();

    List<String> left =
        processes.stream().filter(ProcessRef::isAlive).map(ProcessRef::describe).toList();
    assertThat(left).as("processes left after down").isEmpty();
    assertThat(paths.stateFile()).doesNotExist();
    assertThat(paths.postgresData().resolve("postmaster.pid")).doesNotExist();
    assertThat(paths.nginxPrefix().resolve("nginx.pid")).doesNotExist();
  }

  private boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private CommandLine cli() {
    CommandLine cli = ScopemlCli.commandLine();
    var out = new PrintWriter(transcript, true);
    cli.setOut(out);
    cli.setErr(out);
    return cli;
  }
}
