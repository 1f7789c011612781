package dev.scopeml.scorer.modelcache;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.servable.RefusedVersionException;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.learning.servable.ServableModels;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.VersionArtifact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a version's artifact and turns it into a {@link LoadedModel}, verified by {@link
 * ServableModels} on the way: the envelope's SHA-256 against the one recorded with the version,
 * then the stored reference predictions against the decoded predictor. Anything that fails is
 * refused, never served.
 */
final class ModelLoader {

  private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

  /** Fixed cost of a loaded version beyond its arrays: encoder tables, schema, object headers. */
  private static final long OVERHEAD_BYTES = 16 * 1024;

  private final ModelStore store;
  private final ModelFormats formats;

  ModelLoader(ModelStore store, ModelFormats formats) {
    this.store = store;
    this.formats = formats;
  }

  /**
   * Loads and verifies one version.
   *
   * @throws RefusedModelException if the version fails verification
   * @throws dev.scopeml.modelstore.database.DataAccessException if the registry cannot be read
   * @throws IllegalStateException if the version does not exist
   */
  LoadedModel load(ModelScope key, int version) {
    VersionArtifact stored =
        store
            .artifact(key.model(), key.scope(), version)
            .orElseThrow(() -> new IllegalStateException(key + " has no version " + version));
    ModelVersion meta = stored.version();
    if (meta.reference().rows().isEmpty()) {
      log.warn("{} v{} has no reference rows: served without a reference check", key, version);
    }
    ServableModel servable;
    try {
      servable = ServableModels.open(stored, formats);
    } catch (RefusedVersionException e) {
      var reason = RefusedModelException.Reason.valueOf(e.reason().name());
      throw refuse(reason, key, version, (RuntimeException) e.getCause());
    }
    return new LoadedModel(
        key,
        version,
        meta.algorithm(),
        meta.schema(),
        servable.predictor(),
        estimateBytes(servable.predictor(), stored.bytes().length));
  }

  private static RefusedModelException refuse(
      RefusedModelException.Reason reason, ModelScope key, int version, RuntimeException cause) {
    return new RefusedModelException(
        reason,
        key + " v" + version + " refused (" + reason.label() + "): " + cause.getMessage(),
        cause);
  }

  /**
   * The memory a predictor holds. The flat tree ensemble is four 4-byte arrays per node; other
   * predictors keep a deserialized object graph, which is taken as twice its serialized size.
   */
  static long estimateBytes(Predictor predictor, int artifactBytes) {
    if (predictor instanceof TreeEnsemblePredictor trees) {
      return OVERHEAD_BYTES
          + 16L * trees.ensemble().nodeCount()
          + 8L * trees.ensemble().treeCount();
    }
    return OVERHEAD_BYTES + 2L * artifactBytes;
  }
}
