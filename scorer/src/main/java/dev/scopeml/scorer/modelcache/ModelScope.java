package dev.scopeml.scorer.modelcache;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.Objects;

/**
 * One scope of one model: the unit the cache loads, swaps and evicts.
 *
 * @param model the model family
 * @param scope the scope
 */
public record ModelScope(String model, ScopeKey scope) {

  public ModelScope {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(scope, "scope");
  }

  /** The global scope of {@code model}. */
  public static ModelScope global(String model) {
    return new ModelScope(model, ScopeKey.global());
  }

  @Override
  public String toString() {
    return model + "[" + scope + "]";
  }
}
