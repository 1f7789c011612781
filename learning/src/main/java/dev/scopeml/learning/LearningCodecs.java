package dev.scopeml.learning;

import dev.scopeml.learning.smile.SmileCodec;
import dev.scopeml.modelstore.artifact.ArtifactCodecs;
import dev.scopeml.modelstore.artifact.TribuoProtobufCodec;
import java.util.List;

/**
 * The artifact formats every algorithm of this library writes: Tribuo's protobuf for XGBoost models
 * and filtered Java serialization for Smile models.
 */
public final class LearningCodecs {

  private LearningCodecs() {}

  /** Codecs for {@link TribuoProtobufCodec#FORMAT} and {@link SmileCodec#FORMAT}. */
  public static ArtifactCodecs artifactCodecs() {
    return new ArtifactCodecs(List.of(new TribuoProtobufCodec(), SmileCodec.create()));
  }
}
