package dev.scopeml.nginx;

import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.processes.Launch;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import java.io.UncheckedIOException;
import java.net.URI;
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

/**
 * Scorers as local processes on 127.0.0.1 ports and nginx started with {@code -p/-c}. Scorers run
 * in their own session with output in log files, so they outlive the controller that started them;
 * a later controller finds them again by pid. They run on the JDK this JVM runs on.
 */
public final class LocalTierDriver implements TierDriver {

  private final NginxProcess nginx;
  private final Path logs;
  private final ConcurrentHashMap<Long, Process> children = new ConcurrentHashMap<>();

  /**
   * @param nginx the load balancer
   * @param logs where scorer logs go
   */
  public LocalTierDriver(NginxProcess nginx, Path logs) {
    this.nginx = nginx;
    this.logs = logs;
  }

  @Override
  public Backend start(ScorerRelease release) {
    Path jar = Path.of(release.artifact());
    if (!Files.isRegularFile(jar)) {
      throw new TierException("scorer jar " + release.artifact() + " does not exist");
    }
    try {
      int port = LoopbackPorts.free();
      String id = "scorer-" + port + "-" + UUID.randomUUID().toString().substring(0, 4);
      var command = new ArrayList<>(JavaCommand.jar(jar));
      command.addAll(
          List.of(
              "--server.port=" + port,
              "--server.address=127.0.0.1",
              "--scopeml.scorer.version=" + release.version()));
      command.addAll(release.arguments());
      // A session of its own: a Ctrl-C aimed at the controller does not reach the scorer.
      Process process =
          Launch.of(command)
              .environment(release.environment())
              .output(logOf(id))
              .ownSession()
              .start();
      children.put(process.pid(), process);
      return new Backend(id, release.version(), "127.0.0.1", port, process.pid(), Instant.now());
    } catch (UncheckedIOException e) {
      throw new TierException(
          "cannot start scorer " + release.version() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isReady(Backend backend) {
    return HttpProbe.ok(URI.create("http://" + backend.address() + "/readyz"));
  }

  @Override
  public Optional<String> exitReason(Backend backend) {
    Process child = children.get(backend.pid());
    if (child != null) {
      return child.isAlive()
          ? Optional.empty()
          : Optional.of(
              "exited with code " + child.exitValue() + " (log: " + logOf(backend.id()) + ")");
    }
    boolean alive = ProcessHandle.of(backend.pid()).map(ProcessHandle::isAlive).orElse(false);
    return alive ? Optional.empty() : Optional.of("process " + backend.pid() + " is gone");
  }

  @Override
  public void stop(Backend backend, Duration grace) {
    ProcessHandle.of(backend.pid()).map(ProcessRef::of).ifPresent(process -> process.stop(grace));
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

  private Path logOf(String backendId) {
    return logs.resolve(backendId + ".log");
  }
}
