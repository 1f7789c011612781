package dev.scopeml.bench.stack;

import dev.scopeml.modelstore.database.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scorer jar run as its own process on 127.0.0.1, output to a log file. Started the way an
 * operator would start it (see scorer/README.md), against the benchmark's database.
 */
public final class ScorerProcess implements AutoCloseable {

  /** The scorer jar, relative to the repository root the scripts run from. */
  public static final Path JAR = Path.of("scorer/target/scopeml-scorer.jar");

  private final Process process;
  private final int port;
  private final long startedNanos;

  private ScorerProcess(Process process, int port, long startedNanos) {
    this.process = process;
    this.port = port;
    this.startedNanos = startedNanos;
  }

  /**
   * Starts a scorer.
   *
   * @param launch what comes before the scorer's arguments: {@code java}, JVM options, {@code -jar
   *     <jar>} or {@code -cp … <main>}
   * @param database the registry
   * @param arguments extra scorer arguments ({@code --scopeml.scorer.…=…})
   * @param log where its output goes
   */
  public static ScorerProcess start(
      List<String> launch, DatabaseSettings database, List<String> arguments, Path log) {
    int port = Ports.free();
    var command = new ArrayList<>(launch);
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.addAll(arguments);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().put("SCOPEML_DB_URL", database.url());
      builder.environment().put("SCOPEML_DB_USER", database.user());
      builder.environment().put("SCOPEML_DB_PASSWORD", database.password());
      long started = System.nanoTime();
      return new ScorerProcess(builder.start(), port, started);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a scorer: " + command, e);
    }
  }

  /** {@code java <options> -jar scorer.jar}, the usual launch. */
  public static List<String> jarLaunch(List<String> jvmOptions) {
    var launch = new ArrayList<String>();
    launch.add(java());
    launch.addAll(jvmOptions);
    launch.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-jar",
            JAR.toString()));
    return launch;
  }

  /** The java executable of this JVM: the JDK 25 the scripts chose. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Waits until {@code /readyz} answers 200; returns seconds from process start. */
  public double awaitReady(Duration timeout) {
    long ready = Readiness.await(port, "/readyz", Duration.ofMillis(10), timeout, process::isAlive);
    return (ready - startedNanos) / 1e9;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then waits for the graceful shutdown; kills it after 30 s. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /**
   * SIGTERM, then waits up to {@code grace} for the process to exit (a JVM writing an AOT cache at
   * exit needs longer than a graceful shutdown); kills it after that.
   *
   * @return the exit code, or -1 if it had to be killed
   */
  public int stop(Duration grace) {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
  }
}
