package dev.scopeml.learning.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The algorithms a training run can name: every {@link Algorithm} registered in {@code
 * META-INF/services/dev.scopeml.learning.algorithm.Algorithm}, in the order listed there.
 */
public final class Algorithms {

  private static final Map<String, Algorithm> BY_NAME = index();

  private Algorithms() {}

  /**
   * The algorithm called {@code name}.
   *
   * @throws IllegalArgumentException listing the known names when there is none by that name
   */
  public static Algorithm byName(String name) {
    Algorithm algorithm = BY_NAME.get(name);
    if (algorithm == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + name + "', known algorithms: " + String.join(", ", names()));
    }
    return algorithm;
  }

  /** The known names, {@code xgboost} first. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  private static Map<String, Algorithm> index() {
    var byName = new LinkedHashMap<String, Algorithm>();
    for (Algorithm algorithm : ServiceLoader.load(Algorithm.class)) {
      if (byName.put(algorithm.name(), algorithm) != null) {
        throw new IllegalStateException("two algorithms named " + algorithm.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
