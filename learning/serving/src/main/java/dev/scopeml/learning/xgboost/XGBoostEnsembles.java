package dev.scopeml.learning.xgboost;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.scopeml.learning.trees.TreeEnsemble;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.HashMap;
import java.util.List;
import org.tribuo.FeatureMap;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.OutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;

/** Builds the fast predictor from a stored Tribuo XGBoost model or a saved booster. */
public final class XGBoostEnsembles {

  /** Tribuo's XGBoost model class, by name: loading it would load xgboost4j. */
  private static final String TRIBUO_XGBOOST_MODEL = "org.tribuo.common.xgboost.XGBoostModel";

  private XGBoostEnsembles() {}

  /**
   * Whether {@code stored} is a Tribuo XGBoost model, which {@link #predictor(ModelProto,
   * FeatureSchema)} reads.
   */
  public static boolean isXGBoost(ModelProto stored) {
    return TRIBUO_XGBOOST_MODEL.equals(stored.getClassName());
  }

  /**
   * The fast predictor of a stored Tribuo XGBoost model, read straight from its protobuf form: the
   * booster's saved bytes, feature map and label domain. Neither Tribuo's model object nor the
   * native booster is built, which keeps a model load in a scorer to parsing and array filling.
   *
   * @throws IllegalArgumentException if it is not one XGBoost classification booster whose features
   *     and labels are the schema's
   */
  public static TreeEnsemblePredictor predictor(ModelProto stored, FeatureSchema schema) {
    if (!isXGBoost(stored)) {
      throw new IllegalArgumentException("not a Tribuo XGBoost model: " + stored.getClassName());
    }
    XGBoostModelProto data;
    try {
      data = stored.getSerializedData().unpack(XGBoostModelProto.class);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("unreadable Tribuo XGBoost model: " + e.getMessage(), e);
    }
    if (data.getModelsCount() != 1) {
      throw new IllegalArgumentException(
          "expected one booster per classification model, found " + data.getModelsCount());
    }
    ModelDataProto metadata = data.getMetadata();
    if (!(domain(() -> FeatureMap.deserialize(metadata.getFeatureDomain()))
            instanceof ImmutableFeatureMap features)
        || !(domain(() -> OutputInfo.deserialize(metadata.getOutputDomain()))
            instanceof ImmutableOutputInfo<?> outputs)) {
      throw new IllegalArgumentException("Tribuo model without immutable feature and output maps");
    }
    return predictor(
        data.getModels(0).toByteArray(),
        featureSlots(features, schema),
        schema.width(),
        classSlots(outputs, schema),
        schema.classes().size());
  }

  /** A feature or output domain from Tribuo's deserializer, whose failures say little more. */
  private static Object domain(java.util.function.Supplier<?> deserialize) {
    try {
      return deserialize.get();
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable Tribuo model domain: " + e, e);
    }
  }

  /**
   * The fast predictor of a booster saved by xgboost (UBJSON or JSON text).
   *
   * @param featureSlots per xgboost feature index, the encoded-row slot holding it
   * @param width encoded row width
   * @param classSlots per model class (for binary:logistic: negative, positive), its output index
   * @param classCount number of outputs
   */
  public static TreeEnsemblePredictor predictor(
      byte[] savedBooster, int[] featureSlots, int width, int[] classSlots, int classCount) {
    TreeEnsemble ensemble = SavedBoosters.ensemble(savedBooster, featureSlots, width);
    return new TreeEnsemblePredictor(ensemble, classSlots, classCount);
  }

  static int[] featureSlots(ImmutableFeatureMap featureMap, FeatureSchema schema) {
    var slotByName = new HashMap<String, Integer>();
    List<String> names = schema.encodedNames();
    for (int i = 0; i < names.size(); i++) {
      slotByName.put(names.get(i), i);
    }
    int[] slots = new int[featureMap.size()];
    for (int id = 0; id < slots.length; id++) {
      String name = featureMap.get(id).getName();
      Integer slot = slotByName.get(name);
      if (slot == null) {
        throw new IllegalArgumentException("model feature '" + name + "' is not in the schema");
      }
      slots[id] = slot;
    }
    return slots;
  }

  static int[] classSlots(ImmutableOutputInfo<?> outputs, FeatureSchema schema) {
    int[] slots = new int[outputs.size()];
    for (int id = 0; id < slots.length; id++) {
      if (!(outputs.getOutput(id) instanceof Label label)) {
        throw new IllegalArgumentException("not a classification model");
      }
      int slot = schema.classIndex(label.getLabel());
      if (slot < 0) {
        throw new IllegalArgumentException(
            "model class '" + label.getLabel() + "' is not in the schema's " + schema.classes());
      }
      slots[id] = slot;
    }
    return slots;
  }
}
