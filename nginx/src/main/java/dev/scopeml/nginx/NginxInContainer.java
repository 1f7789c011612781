package dev.scopeml.nginx;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * nginx running as PID 1 of a container, reached through the engine's {@code exec}: its workers are
 * PID 1's children, its configuration is where {@code nginx} looks without {@code -c}.
 */
final class NginxInContainer {

  private static final Duration NEW_WORKERS = Duration.ofSeconds(15);

  private final Function<List<String>, CommandRunner.Result> exec;

  /**
   * @param exec runs a command in the nginx container
   */
  NginxInContainer(Function<List<String>, CommandRunner.Result> exec) {
    this.exec = exec;
  }

  /** Tests the configuration, reloads it and returns once new workers have started. */
  void reload() {
    exec.apply(List.of("nginx", "-t")).orThrow("nginx configuration test");
    Set<Long> previous = workers();
    exec.apply(List.of("nginx", "-s", "reload")).orThrow("nginx reload");
    long deadline = System.nanoTime() + NEW_WORKERS.toNanos();
    while (true) {
      Set<Long> fresh = new HashSet<>(workers());
      fresh.removeAll(previous);
      if (!fresh.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TierException("nginx did not start new workers after the reload");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TierException("interrupted", e);
      }
    }
  }

  /** Which upstream answered a request to {@code controlUrl}, if one answered 200. */
  Optional<String> answeredBy(String controlUrl) {
    return UpstreamAnswer.answeredBy(
        exec.apply(List.of("wget", "-S", "-q", "-O", "/dev/null", controlUrl)).output());
  }

  private Set<Long> workers() {
    String children =
        exec.apply(List.of("cat", "/proc/1/task/1/children")).orThrow("listing nginx workers");
    return Arrays.stream(children.strip().split("\\s+"))
        .filter(pid -> !pid.isEmpty())
        .map(Long::parseLong)
        .collect(Collectors.toSet());
  }
}
