package dev.scopeml.nginx;

import dev.scopeml.processes.AotTraining;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Scorers as local processes on 127.0.0.1 and nginx started with {@code -p/-c}. A slot is a port
 * below the kernel's ephemeral range; a scorer in it listens there for the public, and on a port of
 * its own for operators. Scorers start the fast way (the extracted jar with its JDK AOT cache, made
 * once per jar) and run in their own session with output in log files, so they outlive the
 * controller that started them; a later controller finds them again by pid. They run on the JDK
 * this JVM runs on.
 */
public final class LocalTierDriver implements TierDriver {

  private final NginxProcess nginx;
  private final Path logs;
  private final Consumer<String> progress;
  private final ConcurrentHashMap<Long, Process> children = new ConcurrentHashMap<>();

  /**
   * @param nginx the load balancer
   * @param logs where scorer logs go
   * @param progress told of slow one-off steps (recording a jar's AOT cache)
   */
  public LocalTierDriver(NginxProcess nginx, Path logs, Consumer<String> progress) {
    this.nginx = nginx;
    this.logs = logs;
    this.progress = progress;
  }

  @Override
  public List<Slot> slots(int capacity, List<Slot> existing) {
    return LoopbackSlots.of(capacity, existing);
  }

  @Override
  public Backend start(ScorerRelease release, Slot slot) {
    Path jar = Path.of(release.artifact());
    if (!Files.isRegularFile(jar)) {
      throw new TierException("scorer jar " + release.artifact() + " does not exist");
    }
    if (!LoopbackPorts.isFree(slot.port())) {
      throw new TierException(
          "port "
              + slot.port()
              + " of slot "
              + slot.index()
              + " is held by another process: stop it, or bring the tier up again for new slots");
    }
    try {
      var command =
          new ArrayList<>(
              JavaCommand.fastJar(
                  List.of(), jar, AotTraining.untilReadyAndWarm(release.environment()), progress));
      int operatorPort = LoopbackPorts.free();
      String id = "scorer-" + slot.port() + "-" + UUID.randomUUID().toString().substring(0, 4);
      command.addAll(
          List.of(
              "--server.port=" + slot.port(),
              "--server.address=127.0.0.1",
              "--scopeml.scorer.operator-port=" + operatorPort,
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
      return new Backend(
          id,
          release.version(),
          "127.0.0.1",
          slot.port(),
          slot.index(),
          operatorPort,
          process.pid(),
          Instant.now());
    } catch (UncheckedIOException e) {
      throw new TierException(
          "cannot start scorer " + release.version() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isReady(Backend backend) {
    return HttpProbe.ok(URI.create("http://" + backend.operatorAddress() + "/readyz"));
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
  public void ensureBalancer(FrontDoor door, List<Slot> slots) {
    nginx.configure(door, slots);
    if (nginx.isRunning()) {
      nginx.reload();
    } else {
      nginx.start();
    }
  }

  @Override
  public void awaitBalancing(List<Backend> backends, Duration timeout) {
    BalancingWait.until(backends, timeout, nginx::passOneRequest, Backend::address);
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
