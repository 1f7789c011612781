package dev.scopeml.cli.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.cli.ScopemlCli;
import dev.scopeml.nginx.CommandRunner;
import dev.scopeml.nginx.TierState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tier commands against a stack directory where nothing runs. */
class TierCommandsTest {

  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void emptyStackDirectory() {
    System.setProperty("scopeml.home", home.toString());
  }

  @AfterEach
  void forgetIt() {
    System.clearProperty("scopeml.home");
  }

  @Test
  void statusSaysTheStackIsNotRunningAndFails() {
    assertThat(execute("status")).isEqualTo(1);
    assertThat(out.toString()).contains("The local stack is not running").contains("./scopeml up");
  }

  @Test
  void scaleAndRolloutNeedTheStackUp() {
    assertThat(execute("scale", "--replicas", "3")).isEqualTo(1);
    assertThat(execute("rollout", "--to", "release-2")).isEqualTo(1);
    assertThat(err.toString())
        .contains("scopeml: the local stack is not running: start it with ./scopeml up");
  }

  @Test
  void scaleRefusesFewerThanOneScorer() {
    assertThat(execute("scale", "--replicas", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--replicas must be at least 1");
  }

  @Test
  void composeStatusWithoutAComposeTierSaysSo() {
    assertThat(execute("status", "--driver", "compose")).isEqualTo(1);
    assertThat(err.toString()).contains("no scorer tier here yet");
  }

  @Test
  void aFirstComposeScaleHandsTheScorersToTheController() throws Exception {
    var sent = new java.util.ArrayList<String>();
    var workers = new java.util.ArrayDeque<>(List.of("11 12", "21 22", "21 22", "31 32"));
    int[] answered = {0};
    CommandRunner docker =
        (command, environment, timeout) -> {
          String joined = String.join(" ", command);
          sent.add(joined);
          if (joined.endsWith("cat /proc/1/task/1/children")) {
            return new CommandRunner.Result(0, workers.isEmpty() ? "41 42" : workers.poll());
          }
          if (joined.contains("{{.State.Health.Status}}")) {
            return new CommandRunner.Result(0, "healthy\n");
          }
          if (joined.contains("{{.State.Status}}")) {
            return new CommandRunner.Result(0, "running 0\n");
          }
          // A slot's container has the IP .1<slot>; nginx answers from each slot in turn.
          if (joined.contains("{{.IPAddress}}")) {
            return new CommandRunner.Result(
                0, "172.18.0.1" + joined.substring(joined.lastIndexOf('-') + 1) + "\n");
          }
          if (joined.contains("wget -S")) {
            answered[0] = answered[0] % 2 + 1;
            return new CommandRunner.Result(
                0, "  HTTP/1.1 200 OK\n  X-Upstream: 172.18.0.1" + answered[0] + ":8080\n");
          }
          return new CommandRunner.Result(0, "");
        };
    Path upstream = home.resolve("upstream/upstream.conf");
    var cli = ScopemlCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ((ScaleCommand) cli.getSubcommands().get("scale").getCommand()).tier.commands = docker;

    int exit =
        cli.execute(
            "scale",
            "--driver",
            "compose",
            "--replicas",
            "2",
            "--compose-file",
            "compose.yml",
            "--upstream-file",
            upstream.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("The controller takes over the scorers of the compose");
    assertThat(sent)
        .anyMatch(c -> c.contains("docker compose -f compose.yml -p scopeml up -d --no-deps nginx"))
        .filteredOn(c -> c.contains(" run -d --no-deps "))
        .hasSize(2);
    var state = TierState.file(home.resolve("compose-tier.json")).load().orElseThrow();
    assertThat(state.backends()).hasSize(2);
    assertThat(java.nio.file.Files.readString(upstream))
        .contains("server " + state.backends().getFirst().address())
        .contains("server " + state.backends().getLast().address());
  }

  private int execute(String... args) {
    var cli = ScopemlCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
