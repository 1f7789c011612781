package dev.scopeml.learning.prediction;

import dev.scopeml.learning.smile.SmilePredictors;
import dev.scopeml.learning.xgboost.XGBoostEnsembles;
import dev.scopeml.modelstore.artifact.ArtifactCodecs;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.artifact.TribuoProtobufCodec;
import dev.scopeml.modelstore.schema.FeatureSchema;
import org.tribuo.Model;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.protos.core.ModelProto;

/**
 * Builds the predictor for a decoded artifact. Tribuo XGBoost models get the flat tree-ensemble
 * predictor, which answers like xgboost without building a native matrix per call; Smile models
 * predict through Smile.
 */
public final class PredictorFactory {

  private PredictorFactory() {}

  /**
   * A predictor for {@code artifact} under the version's schema.
   *
   * @param artifact what {@code ArtifactCodecs.open} returned
   * @param schema the schema stored with the version
   * @throws IllegalArgumentException if the artifact is of a kind this library cannot serve or does
   *     not fit the schema
   */
  public static Predictor create(Object artifact, FeatureSchema schema) {
    if (artifact instanceof XGBoostModel<?> xgboost) {
      return XGBoostEnsembles.predictor(xgboost, schema);
    }
    if (artifact instanceof Model<?> other) {
      throw new IllegalArgumentException(
          "cannot serve Tribuo model " + other.getClass().getName() + ": only XGBoost models");
    }
    if (SmilePredictors.accepts(artifact)) {
      return SmilePredictors.create(artifact, schema);
    }
    throw new IllegalArgumentException(
        "no predictor for artifacts of type "
            + (artifact == null ? "null" : artifact.getClass().getName()));
  }

  /**
   * A predictor for a stored artifact under the version's schema. Tribuo XGBoost models are read
   * straight from their protobuf form (see {@link XGBoostEnsembles#predictor(ModelProto,
   * FeatureSchema)}); other artifacts are decoded by their codec first.
   *
   * @param envelope the opened (checksum-verified) artifact
   * @throws ArtifactException if the payload cannot be decoded
   * @throws IllegalArgumentException if the artifact is of a kind this library cannot serve or does
   *     not fit the schema
   */
  public static Predictor create(
      ArtifactEnvelope envelope, ArtifactCodecs codecs, FeatureSchema schema) {
    if (TribuoProtobufCodec.FORMAT.equals(envelope.format())) {
      ModelProto stored = TribuoProtobufCodec.parse(envelope.payload());
      if (XGBoostEnsembles.isXGBoost(stored)) {
        return XGBoostEnsembles.predictor(stored, schema);
      }
    }
    return create(codecs.decode(envelope), schema);
  }
}
