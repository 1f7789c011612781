package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRefTest {

  @Test
  void aProcessThatHonoursSigtermStopsWithinItsGrace() {
    Process sleeper = Launch.of(List.of("sleep", "60")).start();
    ProcessRef ref = ProcessRef.of(sleeper);
    assertThat(ref.isAlive()).isTrue();

    assertThat(ref.stop(Duration.ofSeconds(10))).isTrue();

    assertThat(sleeper.isAlive()).isFalse();
    assertThat(ref.isAlive()).isFalse();
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterItsGrace() {
    Process stubborn =
        Launch.of(List.of("sh", "-c", "trap '' TERM; while true; do sleep 1; done")).start();
    // Give the shell a moment to install its trap before it is signalled.
    sleep(Duration.ofMillis(300));

    assertThat(ProcessRef.of(stubborn).stop(Duration.ofMillis(300))).isFalse();

    assertThat(stubborn.isAlive()).isFalse();
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
