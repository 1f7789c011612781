package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRefTest {

  /**
   * Once stop returns, the process is reaped: the kernel's view, which the process handle reads.
   * {@link Process#isAlive()} is the JDK's reaper thread's note of it, made a moment later.
   */
  private static final String GONE = "the process is gone once stop returns";

  @Test
  void aProcessThatHonoursSigtermStopsWithinItsGrace() {
    Process sleeper = Launch.of(List.of("sleep", "60")).start();
    ProcessRef ref = ProcessRef.of(sleeper);
    assertThat(ref.isAlive()).isTrue();

    assertThat(ref.stop(Duration.ofSeconds(10))).isTrue();

    assertThat(sleeper.toHandle().isAlive()).as(GONE).isFalse();
    assertThat(ref.isAlive()).isFalse();
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterItsGrace(@TempDir Path folder) {
    Path trapped = folder.resolve("trapped");
    Process stubborn =
        Launch.of(
                List.of(
                    "sh",
                    "-c",
                    "trap '' TERM; touch \"$0\"; while true; do sleep 1; done",
                    trapped.toString()))
            .start();
    // Signal the shell only once its trap is installed, however slowly a loaded machine starts it.
    Instant deadline = Instant.now().plusSeconds(30);
    while (!Files.exists(trapped) && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(20));
    }
    assertThat(trapped).as("the shell's trap is installed").exists();

    assertThat(ProcessRef.of(stubborn).stop(Duration.ofMillis(300))).isFalse();

    assertThat(stubborn.toHandle().isAlive()).as(GONE).isFalse();
  }

  @Test
  void aPidThatNowBelongsToAnotherProcessIsNeverSignalled() {
    Process sleeper = Launch.of(List.of("sleep", "60")).start();
    try {
      var reused = new ProcessRef(sleeper.pid(), Instant.now().minus(Duration.ofDays(3)));

      assertThat(reused.isAlive()).isFalse();
      assertThat(reused.stop(Duration.ofSeconds(1))).isTrue();
      assertThat(sleeper.isAlive()).as("the other process is left alone").isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aRecordedStartInstantThatDriftedWithTheWallClockStillNamesTheProcess() {
    Process sleeper = Launch.of(List.of("sleep", "60")).start();
    try {
      ProcessRef recorded = ProcessRef.of(sleeper);
      assertThat(recorded.startTicks()).as("start ticks read from /proc").isNotNull();
      // What the JDK derives from a wall clock set a few seconds forward since the recording.
      var drifted =
          new ProcessRef(
              recorded.pid(),
              recorded.startedAt().plusSeconds(4),
              recorded.startTicks(),
              recorded.command());

      assertThat(drifted.isAlive()).as("a running process is never taken for gone").isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void anotherStartTickOrCommandLineIsAnotherProcess() {
    Process sleeper = Launch.of(List.of("sleep", "60")).start();
    try {
      ProcessRef recorded = ProcessRef.of(sleeper);
      var startedLater =
          new ProcessRef(
              recorded.pid(), recorded.startedAt(), recorded.startTicks() + 1, recorded.command());
      var otherProgram =
          new ProcessRef(recorded.pid(), recorded.startedAt(), recorded.startTicks(), "sleep 61");

      assertThat(startedLater.isAlive()).isFalse();
      assertThat(otherProgram.isAlive()).isFalse();
      assertThat(otherProgram.stop(Duration.ofSeconds(1))).isTrue();
      assertThat(sleeper.isAlive()).as("the process is left alone").isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void theStartTimeIsReadPastANameWithSpacesAndParentheses() {
    String stat =
        "4242 (java (my app)) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 30 0 987654"
            + " 123 456";
    assertThat(ProcStat.startTime(stat)).contains(987654L);
  }

  @Test
  void aZombieThatNobodyReapsHasExited() throws Exception {
    // The shell starts a short sleep and replaces itself with a long one, which never reaps it:
    // the short sleep stays a zombie, as an orphan does under an init that does not reap.
    Process parent = Launch.of(List.of("sh", "-c", "sleep 1 & echo $!; exec sleep 30")).start();
    try {
      long child = Long.parseLong(parent.inputReader().readLine().strip());
      // Remember the child once it runs sleep: until its exec it is a copy of the shell.
      Instant deadline = Instant.now().plusSeconds(10);
      while (!ProcStat.commandLine(child).orElse("").startsWith("sleep")
          && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofMillis(5));
      }
      ProcessRef ref = ProcessRef.of(ProcessHandle.of(child).orElseThrow());
      assertThat(ref.isAlive()).isTrue();

      assertThat(ref.awaitExit(Duration.ofSeconds(10))).isTrue();

      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive))
          .as("the JDK's view: a zombie is alive")
          .contains(true);
      assertThat(ref.isAlive()).isFalse();
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void theStateIsReadPastTheName() {
    assertThat(ProcStat.state("4242 (a) b) Z 1 4242")).contains('Z');
    assertThat(ProcStat.state("4242 (sleep) S 1 4242")).contains('S');
    assertThat(ProcStat.parentPid("4242 (a) b) Z 17 4242")).contains(17L);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
