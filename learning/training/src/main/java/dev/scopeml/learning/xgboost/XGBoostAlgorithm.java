package dev.scopeml.learning.xgboost;

import static dev.scopeml.learning.algorithm.ParameterSpace.doubleValue;
import static dev.scopeml.learning.algorithm.ParameterSpace.intValue;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.Parameter;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.protos.core.ModelProto;

/**
 * Gradient-boosted trees by xgboost, trained through Tribuo's {@link XGBoostClassificationTrainer}
 * (objective {@code multi:softprob} for any number of classes) with the histogram tree method.
 * Missing values stay NaN so xgboost learns where they go.
 */
public final class XGBoostAlgorithm implements Algorithm {

  public static final String NAME = "xgboost";

  private static final ParameterSpace PARAMETERS =
      ParameterSpace.of(
          Parameter.integer("trees", 100, 1, 10_000),
          Parameter.integer("maxDepth", 6, 1, 20),
          Parameter.positive("eta", 0.3, 0.0, 1.0),
          Parameter.positive("subsample", 1.0, 0.0, 1.0),
          Parameter.positive("colsampleByTree", 1.0, 0.0, 1.0),
          Parameter.real("minChildWeight", 1.0, 0.0, 1e6),
          Parameter.real("lambda", 1.0, 0.0, 1e6),
          Parameter.real("alpha", 0.0, 0.0, 1e6),
          Parameter.real("gamma", 0.0, 0.0, 1e6),
          Parameter.integer("threads", 1, 1, 256));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ParameterSpace parameters() {
    return PARAMETERS;
  }

  @Override
  public MissingValues missingValues() {
    return MissingValues.NATIVE;
  }

  @Override
  public FittedModel fit(TrainingSet data, Map<String, Object> params, long seed) {
    if (data.schema().missing() != MissingValues.NATIVE) {
      throw new IllegalArgumentException("xgboost needs rows encoded with MissingValues.NATIVE");
    }
    if (data.distinctLabels() < 2) {
      throw new IllegalArgumentException("xgboost needs at least two classes in the training set");
    }
    var trainer =
        new XGBoostClassificationTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            intValue(params, "trees"),
            doubleValue(params, "eta"),
            doubleValue(params, "gamma"),
            intValue(params, "maxDepth"),
            doubleValue(params, "minChildWeight"),
            doubleValue(params, "subsample"),
            doubleValue(params, "colsampleByTree"),
            doubleValue(params, "lambda"),
            doubleValue(params, "alpha"),
            intValue(params, "threads"),
            XGBoostTrainer.LoggingVerbosity.SILENT,
            seed);
    XGBoostModel<Label> model =
        trainer.train(new TribuoExamples(data.schema().encodedNames()).dataset(data));
    // Serialized once: the predictor is read from the form that is stored, and stored as is.
    ModelProto stored = model.serialize();
    TreeEnsemblePredictor predictor = XGBoostEnsembles.predictor(stored, data.schema());
    String library =
        "tribuo " + Tribuo.VERSION + " / xgboost4j " + predictor.ensemble().xgboostVersion();
    return new FittedModel(
        XGBoostFormat.ID,
        stored.toByteArray(),
        model,
        predictor,
        new TribuoModelPredictor(model, data.schema()),
        library);
  }
}
