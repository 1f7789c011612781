package dev.scopeml.scorer.modelcache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The loaded versions, one per model scope, bounded by their estimated size. Reads are lock-free
 * map lookups; installing a version replaces the previous one of its scope in one atomic put and
 * then evicts the least recently used scopes until the cache fits its bound again.
 */
final class ModelCache {

  private final Map<ModelScope, LoadedModel> models = new ConcurrentHashMap<>();
  private final Set<ModelScope> evicted = ConcurrentHashMap.newKeySet();
  private final long maxBytes;
  private final Consumer<LoadedModel> onEviction;
  private long bytes;

  /**
   * @param maxBytes the bound on the sum of estimated sizes; the newest version is kept even if it
   *     alone exceeds it
   * @param onEviction told of every version evicted to make room
   */
  ModelCache(long maxBytes, Consumer<LoadedModel> onEviction) {
    this.maxBytes = maxBytes;
    this.onEviction = onEviction;
  }

  /** The version serving {@code key}, or null when none is loaded. */
  LoadedModel get(ModelScope key) {
    return models.get(key);
  }

  /**
   * Swaps {@code model} in for its scope if {@code stillWanted} agrees, deciding under the cache's
   * lock so that a slow load of an older version cannot replace a newer one installed meanwhile.
   *
   * @return whether it was installed
   */
  synchronized boolean installIf(
      LoadedModel model, java.util.function.BooleanSupplier stillWanted) {
    if (!stillWanted.getAsBoolean()) {
      return false;
    }
    install(model);
    return true;
  }

  /** Swaps {@code model} in for its scope and evicts others if the cache has grown too big. */
  synchronized void install(LoadedModel model) {
    LoadedModel previous = models.put(model.key(), model);
    bytes += model.estimatedBytes() - (previous == null ? 0 : previous.estimatedBytes());
    evicted.remove(model.key());
    while (bytes > maxBytes && models.size() > 1) {
      LoadedModel victim = leastRecentlyUsedExcept(model.key());
      if (victim == null || !models.remove(victim.key(), victim)) {
        break;
      }
      bytes -= victim.estimatedBytes();
      evicted.add(victim.key());
      onEviction.accept(victim);
    }
  }

  /** Drops a scope that no longer has an active version. */
  synchronized void remove(ModelScope key) {
    LoadedModel removed = models.remove(key);
    if (removed != null) {
      bytes -= removed.estimatedBytes();
    }
    evicted.remove(key);
  }

  /** Whether {@code key} was evicted for room and has not been loaded since. */
  boolean wasEvicted(ModelScope key) {
    return evicted.contains(key);
  }

  synchronized long bytes() {
    return bytes;
  }

  int size() {
    return models.size();
  }

  long maxBytes() {
    return maxBytes;
  }

  /** A snapshot of the loaded versions. */
  List<LoadedModel> snapshot() {
    return List.copyOf(models.values());
  }

  private LoadedModel leastRecentlyUsedExcept(ModelScope keep) {
    LoadedModel oldest = null;
    for (LoadedModel candidate : models.values()) {
      if (!candidate.key().equals(keep)
          && (oldest == null || candidate.lastUsedNanos() - oldest.lastUsedNanos() < 0)) {
        oldest = candidate;
      }
    }
    return oldest;
  }
}
