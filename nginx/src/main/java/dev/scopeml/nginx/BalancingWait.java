package dev.scopeml.nginx;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends requests through nginx's control listener until each backend has answered one: nginx passes
 * them round the slots in turn, skipping a slot for its fail_timeout after a refused connect, so a
 * slot filled moments ago is reached once that time is up.
 */
final class BalancingWait {

  private BalancingWait() {}

  /**
   * @param pass sends one request, returning the upstream address that answered it
   * @param addressOf a backend's address as nginx names it
   */
  static void until(
      List<Backend> backends,
      Duration timeout,
      Supplier<Optional<String>> pass,
      Function<Backend, String> addressOf) {
    var waiting = new HashSet<String>();
    backends.forEach(backend -> waiting.add(addressOf.apply(backend)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!waiting.isEmpty()) {
      pass.get().ifPresent(waiting::remove);
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TierException(
            "nginx passed no request to "
                + backends.stream()
                    .filter(b -> waiting.contains(addressOf.apply(b)))
                    .map(Backend::id)
                    .collect(Collectors.joining(", "))
                + " within "
                + timeout.toSeconds()
                + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TierException("interrupted", e);
      }
    }
  }
}
