package dev.scopeml.nginx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Scorers as local processes on 127.0.0.1 ports and nginx started with {@code -p/-c}. Scorers run
 * in their own session with output in log files, so they outlive the controller that started them;
 * a later controller finds them again by pid.
 */
public final class LocalTierDriver implements TierDriver {

  private final NginxProcess nginx;
  private final Path logs;
  private final Path javaCommand;
  private final HttpProbe probe = new HttpProbe();
  private final ConcurrentHashMap<Long, Process> children = new ConcurrentHashMap<>();

  /**
   * @param nginx the load balancer
   * @param logs where scorer logs go
   * @param java the java executable that runs scorer jars
   */
  public LocalTierDriver(NginxProcess nginx, Path logs, Path java) {
    this.nginx = nginx;
    this.logs = logs;
    this.javaCommand = java;
  }

  /** The java executable of this JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  @Override
  public Backend start(ScorerRelease release) {
    if (!Files.isRegularFile(Path.of(release.artifact()))) {
      throw new TierException("scorer jar " + release.artifact() + " does not exist");
    }
    int port = freePort();
    String id = "scorer-" + port + "-" + UUID.randomUUID().toString().substring(0, 4);
    var command = new ArrayList<String>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      // A session of its own: a Ctrl-C aimed at the controller does not reach the scorer.
      command.add("/usr/bin/setsid");
    }
    command.addAll(
        List.of(
            javaCommand.toString(),
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-jar",
            release.artifact(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--scopeml.scorer.version=" + release.version()));
    command.addAll(release.arguments());
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(id + ".log");
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(release.environment());
      Process process = builder.start();
      children.put(process.pid(), process);
      return new Backend(id, release.version(), "127.0.0.1", port, process.pid(), Instant.now());
    } catch (IOException e) {
      throw new TierException(
          "cannot start scorer " + release.version() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isReady(Backend backend) {
    return probe.isReady(backend);
  }

  @Override
  public Optional<String> exitReason(Backend backend) {
    Process child = children.get(backend.pid());
    if (child != null) {
      return child.isAlive()
          ? Optional.empty()
          : Optional.of("exited with code " + child.exitValue() + " (log: " + logOf(backend) + ")");
    }
    boolean alive = ProcessHandle.of(backend.pid()).map(ProcessHandle::isAlive).orElse(false);
    return alive ? Optional.empty() : Optional.of("process " + backend.pid() + " is gone");
  }

  @Override
  public void stop(Backend backend, Duration grace) {
    Optional<ProcessHandle> process = ProcessHandle.of(backend.pid());
    if (process.isEmpty() || !process.get().isAlive()) {
      return;
    }
    process.get().destroy();
    try {
      process.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.get().destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new TierException("waiting for " + backend.id() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierException("interrupted while stopping " + backend.id(), e);
    }
    children.remove(backend.pid());
  }

  @Override
  public void ensureBalancer(int listenPort, List<Backend> backends) {
    nginx.configure(listenPort, backends);
    if (nginx.isRunning()) {
      nginx.reload();
    } else {
      nginx.start();
    }
  }

  @Override
  public Set<Long> applyUpstream(List<Backend> backends) {
    nginx.writeUpstream(backends);
    return nginx.reload();
  }

  @Override
  public void awaitWorkersGone(Set<Long> workers, Duration timeout) {
    nginx.awaitGone(workers, timeout);
  }

  @Override
  public boolean balancerRunning() {
    return nginx.isRunning();
  }

  @Override
  public void stopBalancer() {
    nginx.stop();
  }

  private Path logOf(Backend backend) {
    return logs.resolve(backend.id() + ".log");
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new TierException("no free port on 127.0.0.1", e);
    }
  }
}
