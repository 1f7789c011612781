package dev.scopeml.bench.stack;

import dev.scopeml.bench.load.HttpAnswer;
import dev.scopeml.bench.load.HttpRequests;
import dev.scopeml.bench.load.KeepAliveConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a GET endpoint on 127.0.0.1 until it answers 200. */
public final class Readiness {

  private Readiness() {}

  /** Whether {@code path} answers 200 right now. */
  public static boolean answers200(int port, String path) {
    try (var connection = new KeepAliveConnection(port, 2_000)) {
      HttpAnswer answer = connection.send(HttpRequests.get(port, path));
      return answer.status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Polls every {@code every} until {@code path} answers 200; fails when {@code alive} turns false
   * or {@code timeout} passes.
   *
   * @return the moment ({@link System#nanoTime()}) the first 200 arrived
   */
  public static long await(
      int port, String path, Duration every, Duration timeout, BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (answers200(port, path)) {
        return System.nanoTime();
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException("process on port " + port + " exited before " + path);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(path + " on port " + port + " not 200 within " + timeout);
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
