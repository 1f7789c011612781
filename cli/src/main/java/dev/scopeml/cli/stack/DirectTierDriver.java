package dev.scopeml.cli.stack;

import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.LocalTierDriver;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.Slot;
import dev.scopeml.nginx.TierDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Scorer processes without a load balancer, for machines without nginx: clients call the scorers
 * directly at their slots' ports, so scaling and rollouts work but change the addresses clients
 * must use.
 */
final class DirectTierDriver implements TierDriver {

  private final LocalTierDriver scorers;

  DirectTierDriver(Path logs, Consumer<String> progress) {
    // Only the scorer half of the local driver is used: its nginx is never started or signalled.
    this.scorers =
        new LocalTierDriver(
            new NginxProcess(Path.of("nginx"), logs.resolveSibling("nginx"), 1, "4m"),
            logs,
            progress);
  }

  @Override
  public List<Slot> slots(int capacity, List<Slot> existing) {
    return scorers.slots(capacity, existing);
  }

  @Override
  public Backend start(ScorerRelease release, Slot slot) {
    return scorers.start(release, slot);
  }

  @Override
  public boolean isReady(Backend backend) {
    return scorers.isReady(backend);
  }

  @Override
  public Optional<String> exitReason(Backend backend) {
    return scorers.exitReason(backend);
  }

  @Override
  public void stop(Backend backend, Duration grace) {
    scorers.stop(backend, grace);
  }

  @Override
  public void ensureBalancer(FrontDoor door, List<Slot> slots) {}

  @Override
  public void awaitBalancing(List<Backend> backends, Duration timeout) {}

  @Override
  public boolean balancerRunning() {
    return false;
  }

  @Override
  public void stopBalancer() {}
}
