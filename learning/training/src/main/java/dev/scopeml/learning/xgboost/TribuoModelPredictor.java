package dev.scopeml.learning.xgboost;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * Prediction through Tribuo's own {@link Model#predict}: a native matrix per call, so slow, but the
 * reference the fast predictor is checked against. Rows with every slot missing cannot be predicted
 * by Tribuo and are refused.
 */
public final class TribuoModelPredictor implements Predictor {

  private final Model<Label> model;
  private final TribuoExamples examples;
  private final List<String> classes;
  private final int width;

  public TribuoModelPredictor(Model<Label> model, FeatureSchema schema) {
    this.model = model;
    this.examples = new TribuoExamples(schema.encodedNames());
    this.classes = schema.classes();
    this.width = schema.width();
  }

  @Override
  public int classCount() {
    return classes.size();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void predict(double[] encodedRow, double[] probabilitiesOut) {
    copy(model.predict(examples.example(encodedRow, 0, null)), probabilitiesOut, 0);
  }

  @Override
  public void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut) {
    var batch = new ArrayList<Example<Label>>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      batch.add(examples.example(rowsFlat, r * width, null));
    }
    List<Prediction<Label>> predictions = model.predict(batch);
    for (int r = 0; r < rowCount; r++) {
      copy(predictions.get(r), probabilitiesOut, r * classes.size());
    }
  }

  private void copy(Prediction<Label> prediction, double[] out, int offset) {
    Arrays.fill(out, offset, offset + classes.size(), 0.0);
    for (Map.Entry<String, Label> score : prediction.getOutputScores().entrySet()) {
      int slot = classes.indexOf(score.getKey());
      if (slot >= 0) {
        out[offset + slot] = score.getValue().getScore();
      }
    }
  }
}
