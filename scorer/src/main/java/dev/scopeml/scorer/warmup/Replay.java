package dev.scopeml.scorer.warmup;

import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import dev.scopeml.load.Resend;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Sends the warm-up requests to the scorer's own listener on one keep-alive connection, round after
 * round, until the JIT compiler goes quiet: for {@value #QUIET_ROUNDS} rounds in a row it spent
 * less than {@value #QUIET_SHARE} of the round's time compiling, after at least {@value
 * #MIN_REQUESTS} requests. The JVM reports its compilers' total time ({@link CompilationMXBean});
 * while the request path is being compiled that time grows with every round, and it stops growing
 * once the path runs compiled.
 */
final class Replay {

  private static final int ROUND = 50;
  private static final int MIN_REQUESTS = 300;
  private static final int QUIET_ROUNDS = 3;
  private static final double QUIET_SHARE = 0.05;

  /** Where the JVM cannot time its compilers: a fixed number of requests instead. */
  private static final int UNTIMED_REQUESTS = 3000;

  private static final int TIMEOUT_MILLIS = 10_000;

  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

  /**
   * Replays {@code requests} to {@code 127.0.0.1:port}.
   *
   * @param maxTime the longest it may take
   * @param carryOn false once the scorer is stopping
   */
  WarmUpResult run(
      int port, List<WarmUpRequest> requests, Duration maxTime, BooleanSupplier carryOn) {
    List<byte[]> encoded =
        requests.stream().map(r -> HttpRequests.postJson(port, r.path(), r.body())).toList();
    long start = System.nanoTime();
    long deadline = start + maxTime.toNanos();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long sent = 0;
    long errors = 0;
    int quietRounds = 0;
    try (var connection = new KeepAliveConnection(port, TIMEOUT_MILLIS, Resend.NEVER)) {
      while (carryOn.getAsBoolean() && System.nanoTime() < deadline) {
        long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
        long roundStart = System.nanoTime();
        for (int i = 0; i < ROUND; i++) {
          errors += answered(connection, encoded.get((int) (sent++ % encoded.size()))) ? 0 : 1;
        }
        if (!timed) {
          if (sent >= UNTIMED_REQUESTS) {
            return new WarmUpResult(sent, errors, elapsed(start), true);
          }
          continue;
        }
        double compilingMillis = jit.getTotalCompilationTime() - compiledBefore;
        double roundMillis = (System.nanoTime() - roundStart) / 1e6;
        quietRounds = compilingMillis < QUIET_SHARE * roundMillis ? quietRounds + 1 : 0;
        if (quietRounds >= QUIET_ROUNDS && sent >= MIN_REQUESTS) {
          return new WarmUpResult(sent, errors, elapsed(start), true);
        }
      }
    }
    return new WarmUpResult(sent, errors, elapsed(start), false);
  }

  private static boolean answered(KeepAliveConnection connection, byte[] request) {
    try {
      HttpAnswer answer = connection.send(request);
      return answer.status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
