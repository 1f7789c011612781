package dev.scopeml.modelstore.scope;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which version answers a requested scope, the rule every way of predicting shares: the scope's own
 * active version, else the model's global version as a fallback, else none.
 *
 * @param requested the scope the row asked for
 * @param answering the scope whose version answers: {@code requested}, or the global scope
 * @param version the answering version, as the caller knows versions (a number, a loaded model)
 * @param <V> the caller's version type
 */
public record ScopeRoute<V>(ScopeKey requested, ScopeKey answering, V version) {

  /** Whether the global scope answers for a scope without an active version of its own. */
  public boolean fallback() {
    return !requested.equals(answering);
  }

  /**
   * Routes {@code requested}.
   *
   * @param activeOf a scope's active version, or null when it has none
   * @return empty when neither the scope nor the global scope has an active version
   */
  public static <V> Optional<ScopeRoute<V>> of(ScopeKey requested, Function<ScopeKey, V> activeOf) {
    V own = activeOf.apply(requested);
    if (own != null) {
      return Optional.of(new ScopeRoute<>(requested, requested, own));
    }
    if (requested.isGlobal()) {
      return Optional.empty();
    }
    V global = activeOf.apply(ScopeKey.global());
    return global == null
        ? Optional.empty()
        : Optional.of(new ScopeRoute<>(requested, ScopeKey.global(), global));
  }
}
