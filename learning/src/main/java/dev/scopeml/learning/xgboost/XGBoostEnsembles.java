package dev.scopeml.learning.xgboost;

import dev.scopeml.learning.trees.TreeEnsemble;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.learning.trees.XGBoostJsonReader;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.HashMap;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/** Builds the fast predictor from a Tribuo XGBoost model or a bare xgboost4j booster. */
public final class XGBoostEnsembles {

  private XGBoostEnsembles() {}

  /**
   * The fast predictor of a Tribuo XGBoost classification model under the schema it was trained
   * with: Tribuo's feature names are the schema's encoded slot names, its labels the schema's
   * classes.
   *
   * @throws IllegalArgumentException if the model's features or labels are not the schema's
   */
  public static TreeEnsemblePredictor predictor(XGBoostModel<?> model, FeatureSchema schema) {
    List<Booster> boosters = model.getInnerModels();
    if (boosters.size() != 1) {
      throw new IllegalArgumentException(
          "expected one booster per classification model, found " + boosters.size());
    }
    int[] featureSlots = featureSlots(model.getFeatureIDMap(), schema);
    int[] classSlots = classSlots(model.getOutputIDInfo(), schema);
    Booster booster = boosters.get(0);
    try {
      return predictor(booster, featureSlots, schema.width(), classSlots, schema.classes().size());
    } finally {
      booster.dispose();
    }
  }

  /**
   * The fast predictor of a bare booster.
   *
   * @param featureSlots per xgboost feature index, the encoded-row slot holding it
   * @param width encoded row width
   * @param classSlots per model class (for binary:logistic: negative, positive), its output index
   * @param classCount number of outputs
   */
  public static TreeEnsemblePredictor predictor(
      Booster booster, int[] featureSlots, int width, int[] classSlots, int classCount) {
    byte[] json;
    try {
      json = booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("xgboost could not export its model: " + e.getMessage(), e);
    }
    TreeEnsemble ensemble = XGBoostJsonReader.read(json, featureSlots, width);
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
