package dev.scopeml.learning.prediction;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The artifact formats on the class path, by id: the registry a stored version is read through. */
public final class ModelFormats {

  private static final ModelFormats INSTALLED =
      new ModelFormats(ServiceLoader.load(ModelFormat.class));

  private final Map<String, ModelFormat> byId;

  ModelFormats(Iterable<ModelFormat> formats) {
    var index = new LinkedHashMap<String, ModelFormat>();
    for (ModelFormat format : formats) {
      if (index.put(format.id(), format) != null) {
        throw new IllegalStateException("two model formats with the id " + format.id());
      }
    }
    this.byId = Collections.unmodifiableMap(index);
  }

  /**
   * Every format registered in {@code
   * META-INF/services/dev.scopeml.learning.prediction.ModelFormat}.
   */
  public static ModelFormats installed() {
    return INSTALLED;
  }

  public Set<String> ids() {
    return byId.keySet();
  }

  /**
   * The format called {@code id}.
   *
   * @throws ArtifactException naming the known formats when none has that id
   */
  public ModelFormat byId(String id) {
    ModelFormat format = byId.get(id);
    if (format == null) {
      throw new ArtifactException("unknown artifact format '" + id + "', known: " + ids());
    }
    return format;
  }

  /**
   * The predictor of an opened (checksum-verified) artifact under its version's schema.
   *
   * @throws ArtifactException if the format is unknown or the payload unreadable, whatever the
   *     reader tripped over
   * @throws IllegalArgumentException if the model cannot be served under the schema
   */
  public Predictor predictor(ArtifactEnvelope envelope, FeatureSchema schema) {
    ModelFormat format = byId(envelope.format());
    try {
      return format.predictor(envelope.payload(), schema);
    } catch (ArtifactException | IllegalArgumentException refusal) {
      throw refusal;
    } catch (RuntimeException malformed) {
      // A stored artifact reads the same way every time: whatever a reader trips over in it is a
      // refusal, never a failure worth retrying.
      throw new ArtifactException(
          "unreadable " + format.id() + " artifact: " + malformed, malformed);
    }
  }
}
