package dev.scopeml.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A trainer or scorer jar running as its own process on a 127.0.0.1 port, output in a log file. The
 * suite signals it as an operator or the kernel would: SIGTERM for a graceful stop, SIGKILL for a
 * crash.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java -jar <jar> --server.port=<port> --server.address=127.0.0.1 <arguments>}.
   *
   * @param environment added to this JVM's environment (credentials go here, not on the command
   *     line where {@code ps} shows them)
   */
  static ServiceProcess start(
      String name,
      Path jar,
      int port,
      List<String> arguments,
      Map<String, String> environment,
      Path logDirectory) {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-jar",
            jar.toAbsolutePath().toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1"));
    command.addAll(arguments);
    try {
      Files.createDirectories(logDirectory);
      Path log = logDirectory.resolve(name + ".log");
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      // A test JVM that dies (a timeout, a crash) must not leave services running behind it.
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::destroyForcibly));
      return new ServiceProcess(name, process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /**
   * Waits until {@code path} answers 200; fails early, with the log's tail, if the process dies.
   */
  public ServiceProcess awaitOk(String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before "
                + path
                + " answered:\n"
                + tail());
      }
      if (Http.statusOf(uri(path)) == 200) {
        return this;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + ": " + path + " not 200 within " + timeout + "\n" + tail());
      }
      Eventually.pause(Duration.ofMillis(100));
    }
  }

  /** SIGKILL: the process dies at once, as in a crash or an OOM kill. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** SIGTERM: the process shuts down gracefully; does not wait. */
  public void terminate() {
    process.destroy();
  }

  /** Whether the process exited within {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Everything the process wrote so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path logFile() {
    return log;
  }

  private String tail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the process gracefully, or forcibly if it does not exit within 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(20))) {
      kill();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ")";
  }
}
