package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.learning.servable.ServableModels;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.VersionArtifact;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions a job scores with, loaded and verified as the scorer verifies them ({@link
 * ServableModels}): what a promotion during the job cannot change.
 *
 * @param byScope each pinned scope's verified version
 */
public record PinnedModels(Map<ScopeKey, ServableModel> byScope) {

  /**
   * Loads every pinned version of {@code model}.
   *
   * @throws IllegalStateException if a version does not exist
   * @throws dev.scopeml.learning.servable.RefusedVersionException if one fails verification
   */
  public static PinnedModels load(ModelStore store, String model, Map<ScopeKey, Integer> pinned) {
    var loaded = new LinkedHashMap<ScopeKey, ServableModel>();
    pinned.forEach(
        (scope, version) -> {
          VersionArtifact stored =
              store
                  .artifact(model, scope, version)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              model + " has no version " + version + " of scope " + scope));
          loaded.put(scope, ServableModels.open(stored, ModelFormats.installed()));
        });
    return new PinnedModels(Collections.unmodifiableMap(loaded));
  }

  /** The version pinned for {@code scope}, or null. */
  public ServableModel get(ScopeKey scope) {
    return byScope.get(scope);
  }
}
