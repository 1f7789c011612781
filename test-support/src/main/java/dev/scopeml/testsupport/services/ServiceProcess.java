package dev.scopeml.testsupport.services;

import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.Launch;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.NotReadyException;
import dev.scopeml.processes.ProcessRef;
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

/**
 * A trainer or scorer jar running as its own process on a free 127.0.0.1 port, output in a log
 * file. Tests signal it as an operator or the kernel would: SIGTERM for a graceful stop, SIGKILL
 * for a crash.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final String name;
  private final Process process;
  private final int port;
  private final int operatorPort;
  private final Path log;
  private final long startedNanos;

  private ServiceProcess(
      String name, Process process, int port, int operatorPort, Path log, long startedNanos) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.operatorPort = operatorPort;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  /**
   * Starts {@code <launch> --server.port=<free port> --server.address=127.0.0.1 <arguments>}.
   *
   * @param launch the command up to the application's arguments, e.g. {@link
   *     dev.scopeml.processes.JavaCommand#jar}
   * @param environment added to this JVM's environment (credentials go here, not on the command
   *     line where {@code ps} shows them)
   * @param log where its output goes, replaced
   */
  public static ServiceProcess start(
      String name,
      List<String> launch,
      List<String> arguments,
      Map<String, String> environment,
      Path log) {
    return start(name, launch, arguments, environment, log, null);
  }

  /**
   * Like {@link #start(String, List, List, Map, Path)}, with a second free port for an operator
   * listener of its own, given as {@code --<operatorPortProperty>=<port>}.
   */
  public static ServiceProcess start(
      String name,
      List<String> launch,
      List<String> arguments,
      Map<String, String> environment,
      Path log,
      String operatorPortProperty) {
    int port = LoopbackPorts.free();
    int operatorPort = operatorPortProperty == null ? port : LoopbackPorts.free();
    var command = new ArrayList<>(launch);
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    if (operatorPortProperty != null) {
      command.add("--" + operatorPortProperty + "=" + operatorPort);
    }
    command.addAll(arguments);
    long started = System.nanoTime();
    Process process = Launch.of(command).environment(environment).output(log).start();
    // A JVM that dies (a test timeout, a crashed benchmark) must not leave services behind it.
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::destroyForcibly));
    return new ServiceProcess(name, process, port, operatorPort, log, started);
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

  /** Its operator listener (metrics, metadata, probes): its only port if it has no other. */
  public int operatorPort() {
    return operatorPort;
  }

  /** {@code path} on its operator listener. */
  public URI operatorUri(String path) {
    return URI.create("http://127.0.0.1:" + operatorPort + path);
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
    startupTime(path, timeout, POLL);
    return this;
  }

  /**
   * Waits until {@code path} answers 200 on the operator listener (bound from the start, where the
   * public one may open only once ready), polling every {@code every}, and returns how long that
   * took from the start of the process.
   *
   * @throws IllegalStateException with the log's tail if it exits or the timeout passes first
   */
  public Duration startupTime(String path, Duration timeout, Duration every) {
    try {
      return Duration.ofNanos(
          HttpProbe.awaitOk(operatorUri(path), process, timeout, every) - startedNanos);
    } catch (NotReadyException e) {
      throw new IllegalStateException(name + " " + e.getMessage() + "; its log ends:\n" + tail());
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
      return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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

  /**
   * SIGTERM, then up to {@code grace} for the graceful shutdown (a JVM writing an AOT cache at exit
   * needs longer than most), then SIGKILL.
   *
   * @return the exit code, or -1 if it had to be killed
   */
  public int stop(Duration grace) {
    boolean graceful = ProcessRef.of(process).stop(grace);
    awaitExit(Duration.ofSeconds(5));
    return graceful && !process.isAlive() ? process.exitValue() : -1;
  }

  /** Stops the process gracefully, or forcibly if it does not exit within 20 s. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ")";
  }
}
