package dev.scopeml.spark.scoring;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.learning.servable.ServableModels;
import dev.scopeml.modelstore.registry.VersionArtifact;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;

/**
 * The pinned versions as an executor serves them: the broadcast artifacts opened and verified once
 * per executor JVM (as a scorer verifies a version before serving it), shared by its tasks.
 */
final class PinnedVersions {

  private static final Map<Long, Map<ScopeKey, ServableModel>> OPENED = new ConcurrentHashMap<>();

  private PinnedVersions() {}

  /**
   * @throws dev.scopeml.learning.servable.RefusedVersionException if a version fails verification
   */
  static Map<ScopeKey, ServableModel> of(Broadcast<List<VersionArtifact>> pinned) {
    return OPENED.computeIfAbsent(pinned.id(), id -> open(pinned.value()));
  }

  private static Map<ScopeKey, ServableModel> open(List<VersionArtifact> artifacts) {
    var opened = new ConcurrentHashMap<ScopeKey, ServableModel>();
    ModelFormats formats = ModelFormats.installed();
    for (VersionArtifact artifact : artifacts) {
      opened.put(artifact.version().scope(), ServableModels.open(artifact, formats));
    }
    return opened;
  }
}
