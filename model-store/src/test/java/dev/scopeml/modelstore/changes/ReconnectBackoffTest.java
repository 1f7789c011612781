package dev.scopeml.modelstore.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  private static List<Long> schedule(long seed, int attempts) {
    var backoff = new ReconnectBackoff(Duration.ofSeconds(5), new SplittableRandom(seed));
    var pauses = new ArrayList<Long>();
    for (int i = 0; i < attempts; i++) {
      pauses.add(backoff.nextMillis());
    }
    return pauses;
  }

  @Test
  void pausesDoubleToTheCapEachDrawnFromTheUpperHalfOfItsCeiling() {
    List<Long> pauses = schedule(1, 12);
    long ceiling = 100;
    for (long pause : pauses) {
      assertThat(pause).isBetween(ceiling / 2, ceiling);
      ceiling = Math.min(ceiling * 2, 5_000);
    }
    assertThat(pauses.getLast()).as("capped").isBetween(2_500L, 5_000L);
  }

  @Test
  void listenersThatLostTheDatabaseTogetherDoNotRetryInStep() {
    var schedules = new ArrayList<List<Long>>();
    for (long scorer = 0; scorer < 10; scorer++) {
      schedules.add(schedule(scorer, 8));
    }
    // At the capped attempts, ten scorers knock at ten different moments.
    assertThat(schedules.stream().map(s -> s.get(7)).distinct().count()).isGreaterThan(8);
  }

  @Test
  void aSuccessfulConnectStartsOverFromTheShortestPause() {
    var backoff = new ReconnectBackoff(Duration.ofSeconds(5), new SplittableRandom(3));
    for (int i = 0; i < 10; i++) {
      backoff.nextMillis();
    }
    backoff.reset();
    assertThat(backoff.nextMillis()).isBetween(50L, 100L);
  }
}
