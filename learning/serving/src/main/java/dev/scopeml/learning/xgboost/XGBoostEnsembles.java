package dev.scopeml.learning.xgboost;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.scopeml.learning.trees.TreeEnsemble;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    return predictor(
        data.getModels(0).toByteArray(),
        featureSlots(TribuoDomains.features(metadata.getFeatureDomain()), schema),
        schema.width(),
        classSlots(TribuoDomains.labels(metadata.getOutputDomain()), schema),
        schema.classes().size());
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

  /** Per xgboost feature index (Tribuo's feature id), the encoded-row slot of that feature. */
  static int[] featureSlots(Map<Integer, String> featureNames, FeatureSchema schema) {
    var slotByName = new HashMap<String, Integer>();
    List<String> names = schema.encodedNames();
    for (int i = 0; i < names.size(); i++) {
      slotByName.put(names.get(i), i);
    }
    int[] slots = new int[featureNames.size()];
    for (int id = 0; id < slots.length; id++) {
      String name = featureNames.get(id);
      if (name == null) {
        throw new IllegalArgumentException("model feature ids are not 0.." + (slots.length - 1));
      }
      Integer slot = slotByName.get(name);
      if (slot == null) {
        throw new IllegalArgumentException("model feature '" + name + "' is not in the schema");
      }
      slots[id] = slot;
    }
    return slots;
  }

  /** Per model output index (Tribuo's label id), the schema's class slot. */
  static int[] classSlots(Map<Integer, String> labelNames, FeatureSchema schema) {
    int[] slots = new int[labelNames.size()];
    for (int id = 0; id < slots.length; id++) {
      String label = labelNames.get(id);
      if (label == null) {
        throw new IllegalArgumentException("model label ids are not 0.." + (slots.length - 1));
      }
      int slot = schema.classIndex(label);
      if (slot < 0) {
        throw new IllegalArgumentException(
            "model class '" + label + "' is not in the schema's " + schema.classes());
      }
      slots[id] = slot;
    }
    return slots;
  }
}
