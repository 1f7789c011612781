package dev.scopeml.scorer.warmup;

import java.time.Duration;

/**
 * How a warm-up's replay went.
 *
 * @param requests requests sent
 * @param errors requests answered with an error status or not answered
 * @param duration how long it took
 * @param quiet whether the JIT compiler went quiet before {@code scopeml.scorer.warm-up.max-time}
 */
public record WarmUpResult(long requests, long errors, Duration duration, boolean quiet) {

  /** No replay: warm-up disabled, or no reference rows to replay. */
  static WarmUpResult none() {
    return new WarmUpResult(0, 0, Duration.ZERO, false);
  }
}
