package dev.scopeml.nginx;

import dev.scopeml.processes.JsonStateFile;
import java.nio.file.Path;
import java.util.List;

/**
 * What the controller knows of the tier; written to disk after every step so a restarted controller
 * carries on from where the last one stopped.
 *
 * @param listenPort nginx's port
 * @param release the release new backends are started from
 * @param backends the backends in the upstream, in start order
 */
public record TierState(int listenPort, ScorerRelease release, List<Backend> backends) {

  public TierState {
    backends = List.copyOf(backends);
  }

  /** The tier state saved in {@code file}, replaced atomically after every step. */
  public static JsonStateFile<TierState> file(Path file) {
    return new JsonStateFile<>(file, TierState.class);
  }

  public TierState withBackends(List<Backend> newBackends) {
    return new TierState(listenPort, release, newBackends);
  }

  public TierState withRelease(ScorerRelease newRelease) {
    return new TierState(listenPort, newRelease, backends);
  }
}
