package dev.scopeml.learning.xgboost;

import dev.scopeml.learning.algorithm.TrainingSet;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Encoded rows as Tribuo examples. A NaN slot is left out of the example, which is how Tribuo tells
 * xgboost a value is missing; every other slot, zero included, is a feature.
 */
public final class TribuoExamples {

  static final LabelFactory LABELS = new LabelFactory();

  private final String[] names;

  /**
   * @param encodedNames the schema's encoded slot names, which become Tribuo feature names
   */
  public TribuoExamples(List<String> encodedNames) {
    this.names = encodedNames.toArray(String[]::new);
  }

  /**
   * One example.
   *
   * @param row encoded row
   * @param offset where the row starts in {@code row}
   * @param label the output, or null for an unlabelled example to predict
   */
  public Example<Label> example(double[] row, int offset, Label label) {
    int present = 0;
    for (int i = 0; i < names.length; i++) {
      if (!Double.isNaN(row[offset + i])) {
        present++;
      }
    }
    String[] featureNames = new String[present];
    double[] values = new double[present];
    int at = 0;
    for (int i = 0; i < names.length; i++) {
      double value = row[offset + i];
      if (!Double.isNaN(value)) {
        featureNames[at] = names[i];
        values[at++] = value;
      }
    }
    return new ArrayExample<>(
        label == null ? LABELS.getUnknownOutput() : label, featureNames, values);
  }

  /**
   * A Tribuo dataset of the training set. Rows with every slot missing are left out: Tribuo cannot
   * hand xgboost an example without features.
   */
  public MutableDataset<Label> dataset(TrainingSet data) {
    var provenance = new SimpleDataSourceProvenance("scopeml training set", LABELS);
    var dataset = new MutableDataset<Label>(provenance, LABELS);
    List<String> classes = data.schema().classes();
    Label[] labels = classes.stream().map(Label::new).toArray(Label[]::new);
    for (int i = 0; i < data.size(); i++) {
      Example<Label> example = example(data.rows()[i], 0, labels[data.labels()[i]]);
      if (example.size() > 0) {
        dataset.add(example);
      }
    }
    return dataset;
  }
}
