package dev.scopeml.modelstore.changes;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The pauses between a listener's reconnect attempts: doubling from 100 ms up to a cap, each one
 * drawn at random from its upper half. Without the jitter, every scorer that lost the database at
 * the same moment would knock on it again at the same moments.
 */
final class ReconnectBackoff {

  private static final long FIRST_MILLIS = 100;

  private final long capMillis;
  private final RandomGenerator random;
  private long ceilingMillis = FIRST_MILLIS;

  ReconnectBackoff(Duration cap, RandomGenerator random) {
    this.capMillis = Math.max(FIRST_MILLIS, cap.toMillis());
    this.random = random;
  }

  /** The next pause, in [ceiling / 2, ceiling]; the ceiling then doubles up to the cap. */
  long nextMillis() {
    long pause = random.nextLong(ceilingMillis / 2, ceilingMillis + 1);
    ceilingMillis = Math.min(ceilingMillis * 2, capMillis);
    return pause;
  }

  /** After a successful connect: the next failure starts from the shortest pause again. */
  void reset() {
    ceilingMillis = FIRST_MILLIS;
  }
}
