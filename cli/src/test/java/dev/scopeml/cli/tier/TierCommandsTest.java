package dev.scopeml.cli.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.cli.ScopemlCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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

  private int execute(String... args) {
    var cli = ScopemlCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
