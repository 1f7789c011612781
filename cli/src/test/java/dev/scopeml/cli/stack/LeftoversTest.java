package dev.scopeml.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.cli.stack.supervisor.StackSupervisor;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierState;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack whose supervisor was killed: {@code down} (and {@code up}) stop what it left, but only
 * processes that are what the state says they are. Stand-in processes ({@code sleep}) play the
 * leftovers, so this runs in a second.
 */
class LeftoversTest {

  @TempDir Path home;

  /** A single-file Java program that sleeps: a process that looks like one the stack starts. */
  private static Path waitProgram;

  @org.junit.jupiter.api.BeforeAll
  static void writeStandIn(@TempDir Path dir) throws IOException {
    waitProgram = dir.resolve("Wait.java");
    java.nio.file.Files.writeString(
        waitProgram,
        "class Wait { public static void main(String[] a) throws Exception { Thread.sleep(300_000); } }");
  }

  private final List<Process> started = new ArrayList<>();
  private final StringWriter output = new StringWriter();

  @AfterEach
  void killStandIns() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void downStopsWhatAKilledSupervisorLeftAndRemovesTheState() throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process supervisor = sleep();
    ProcessRef supervisorRef = ProcessRef.of(supervisor.toHandle());
    supervisor.destroyForcibly().waitFor();
    Process trainer = sleep();
    Process scorer = sleep();
    StackState.file(paths.stateFile())
        .save(
            StackState.starting(supervisorRef)
                .withTrainer("http://127.0.0.1:1", ProcessRef.of(trainer.toHandle()))
                .withStatus(StackState.UP));
    TierState.file(paths.tierStateFile())
        .save(
            new TierState(
                FrontDoor.http(1),
                new ScorerRelease("release-1", "scorer.jar", Map.of(), List.of()),
                List.of(),
                List.of(backend(scorer, scorer.toHandle().info().startInstant().orElseThrow()))));

    boolean stopped = stack(paths).down();

    assertThat(stopped).isTrue();
    assertThat(trainer.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(scorer.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(output.toString())
        .contains("supervisor (pid " + supervisorRef.pid() + ") is gone")
        .contains("stopping leftover trainer (pid " + trainer.pid() + ")")
        .contains("stopping leftover scorer scorer-1");
    assertThat(paths.stateFile()).doesNotExist();
    assertThat(TierState.file(paths.tierStateFile()).load().orElseThrow().backends()).isEmpty();
  }

  @Test
  void aPidThatNowBelongsToAnotherProcessIsLeftAlone() throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process dead = sleep();
    ProcessRef supervisorRef = ProcessRef.of(dead.toHandle());
    dead.destroyForcibly().waitFor();
    // Same pids as "recorded", but they started at another time: someone else's processes now.
    Process stranger = sleep();
    Process otherStranger = sleep();
    Instant longAgo = Instant.now().minus(Duration.ofHours(3));
    StackState.file(paths.stateFile())
        .save(
            StackState.starting(supervisorRef)
                .withTrainer("http://127.0.0.1:1", new ProcessRef(stranger.pid(), longAgo)));
    TierState.file(paths.tierStateFile())
        .save(
            new TierState(
                FrontDoor.http(1),
                new ScorerRelease("release-1", "scorer.jar", Map.of(), List.of()),
                List.of(),
                List.of(backend(otherStranger, longAgo))));

    stack(paths).down();

    assertThat(stranger.isAlive()).as("process behind a reused trainer pid").isTrue();
    assertThat(otherStranger.isAlive()).as("process behind a reused scorer pid").isTrue();
    assertThat(paths.stateFile()).doesNotExist();
  }

  @Test
  void aStackProcessNoStateNamesIsFoundByTheSecretFileItReads() throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process stray = java(paths.scorerPasswordFile());
    Process otherStacks = java(home.resolveSibling(home.getFileName() + "0/secrets/x"));

    stack(paths).down();

    assertThat(stray.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("java process reading this stack's secret")
        .isTrue();
    assertThat(otherStacks.isAlive()).as("java process of another stack directory").isTrue();
    assertThat(output.toString()).contains("stopping leftover java process");
  }

  @Test
  void aSupervisorWhoseRecordedStartDriftedWithTheWallClockIsStoppedNotLeftRunning()
      throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process supervisor = sleep();
    ProcessRef recorded = ProcessRef.of(supervisor.toHandle());
    // The start instant the JDK derives moves with the wall clock: seen 4 s off after an update.
    var drifted =
        new ProcessRef(
            recorded.pid(),
            recorded.startedAt().plusSeconds(4),
            recorded.startTicks(),
            recorded.command());
    StackState.file(paths.stateFile()).save(StackState.starting(drifted).withStatus(StackState.UP));

    stack(paths).down();

    assertThat(supervisor.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("the running supervisor was signalled")
        .isTrue();
    assertThat(output.toString())
        .contains("Stopping the local stack (supervisor pid " + supervisor.pid() + ")")
        .doesNotContain("is gone");
  }

  @Test
  void aLeftoverSupervisorHoldingTheDatabaseLockWithoutStateIsStopped() throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process supervisor =
        lockHolder(paths, List.of(StackSupervisor.class.getName(), ".", home.toString()));

    stack(paths).down();

    assertThat(supervisor.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(output.toString()).contains("supervisor holding the database lock");
  }

  @Test
  void upNamesAnotherProcessHoldingTheDatabaseLockAndTheWayOut() throws Exception {
    StackPaths paths = new StackPaths(Path.of("."), home);
    Process other = lockHolder(paths, List.of("some-other-program"));

    assertThatThrownBy(() -> stack(paths).up())
        .isInstanceOf(StackException.class)
        .hasMessageContaining("is locked by pid " + other.pid())
        .hasMessageContaining("kill " + other.pid());
    assertThat(other.isAlive()).as("a process that is not the stack's is never signalled").isTrue();
  }

  @Test
  void downWithNothingRunningSaysSo() {
    StackPaths paths = new StackPaths(Path.of("."), home);
    assertThat(stack(paths).down()).isFalse();
    assertThat(output.toString()).contains("The local stack is not running.");
  }

  private LocalStack stack(StackPaths paths) {
    return new LocalStack(paths, new PrintWriter(output, true), Map.of());
  }

  private static Backend backend(Process process, Instant startedAt) {
    return new Backend("scorer-1", "release-1", "127.0.0.1", 1, 1, 2, process.pid(), startedAt);
  }

  /** A JVM that waits, with a scorer's password file variable pointing at {@code secret}. */
  private Process java(Path secret) throws IOException {
    var builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx16m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            waitProgram.toString());
    builder.environment().put("SCOPEML_DB_PASSWORD_FILE", secret.toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /**
   * A JVM holding the embedded database's lock, as PostgreSQL's launcher does, with {@code
   * arguments} on its command line.
   */
  private Process lockHolder(StackPaths paths, List<String> arguments) throws Exception {
    java.nio.file.Files.createDirectories(paths.postgresData());
    Path program = home.resolve("Hold.java");
    java.nio.file.Files.writeString(
        program,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        class Hold {
          public static void main(String[] a) throws Exception {
            var channel = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            channel.lock();
            Files.writeString(Path.of(a[0] + ".held"), "yes");
            Thread.sleep(300_000);
          }
        }
        """);
    var command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m",
                program.toString(),
                paths.postgresLock().toString()));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    Path held = Path.of(paths.postgresLock() + ".held");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!java.nio.file.Files.exists(held) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(held).as("the stand-in holds the lock").exists();
    return process;
  }

  private Process sleep() throws IOException {
    Process process = new ProcessBuilder("sleep", "300").start();
    started.add(process);
    return process;
  }
}
