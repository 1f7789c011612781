package dev.scopeml.learning.xgboost;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.scopeml.learning.prediction.ModelFormat;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.FeatureSchema;
import org.tribuo.protos.core.ModelProto;

/**
 * Tribuo models in Tribuo's own protobuf format ({@code tribuo-protobuf}), as the xgboost algorithm
 * stores them. Only XGBoost models are served, read by {@link XGBoostEnsembles} without building
 * Tribuo's model object or a native booster.
 */
public final class XGBoostFormat implements ModelFormat {

  public static final String ID = "tribuo-protobuf";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Predictor predictor(byte[] payload, FeatureSchema schema) {
    return XGBoostEnsembles.predictor(parse(payload), schema);
  }

  /**
   * The payload's protobuf message.
   *
   * @throws ArtifactException if it is not a Tribuo model message
   */
  public static ModelProto parse(byte[] payload) {
    try {
      return ModelProto.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new ArtifactException("not a Tribuo protobuf model: " + e.getMessage(), e);
    }
  }
}
