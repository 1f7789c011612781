package dev.scopeml.scorer.modelcache;

import dev.scopeml.modelstore.registry.ActiveVersion;
import dev.scopeml.modelstore.registry.ModelFamily;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scorer believes the registry says: the model families and the active version of every
 * scope. Written only by the registry-sync thread, read lock-free by requests, so the request path
 * never queries the database to learn whether a model or scope exists.
 */
final class RegistryView {

  private volatile Map<String, ModelFamily> families = Map.of();
  private final Map<ModelScope, Integer> active = new ConcurrentHashMap<>();

  ModelFamily family(String model) {
    return families.get(model);
  }

  /** The active version of {@code key}, or null when the scope has none. */
  Integer active(ModelScope key) {
    return active.get(key);
  }

  boolean isActive(ModelScope key, int version) {
    Integer current = active.get(key);
    return current != null && current == version;
  }

  void replaceFamilies(List<ModelFamily> all) {
    var byName = new HashMap<String, ModelFamily>();
    all.forEach(family -> byName.put(family.name(), family));
    families = Map.copyOf(byName);
  }

  void putFamily(ModelFamily family) {
    var byName = new HashMap<>(families);
    byName.put(family.name(), family);
    families = Map.copyOf(byName);
  }

  /**
   * Makes the active versions exactly {@code versions}.
   *
   * @return the scopes that were active before and are not any more
   */
  Set<ModelScope> replaceActive(List<ActiveVersion> versions) {
    var next = new HashMap<ModelScope, Integer>();
    versions.forEach(v -> next.put(new ModelScope(v.model(), v.scope()), v.version()));
    var gone = new HashSet<>(active.keySet());
    gone.removeAll(next.keySet());
    active.putAll(next);
    gone.forEach(active::remove);
    return gone;
  }

  void setActive(ModelScope key, int version) {
    active.put(key, version);
  }

  /** A snapshot of every active scope and its version. */
  Map<ModelScope, Integer> activeVersions() {
    return Map.copyOf(active);
  }

  /** The distinct active version numbers of {@code model}, ascending. */
  Set<Integer> activeVersionNumbers(String model) {
    var numbers = new java.util.TreeSet<Integer>();
    active.forEach(
        (key, version) -> {
          if (key.model().equals(model)) {
            numbers.add(version);
          }
        });
    return numbers;
  }
}
