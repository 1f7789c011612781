package dev.scopeml.learning.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics on a holdout.
 *
 * <ul>
 *   <li>{@code accuracy}: share of rows whose most probable class (lowest index on ties) is the
 *       label.
 *   <li>{@code auc}: area under the ROC curve; for two classes, of the second class's probability;
 *       for more, the mean one-vs-rest AUC over classes that have both positive and negative rows.
 *       Tied scores count half (rank averaging). NaN when no class has both.
 *   <li>{@code logLoss}: mean negative log of the label's probability, clipped below at 1e-15.
 *   <li>{@code f1.<class>}: per class, {@code 2tp / (2tp + fp + fn)} of the argmax prediction; left
 *       out for a class that neither occurs nor is predicted.
 *   <li>{@code macroF1}: the mean of the per-class F1 values present.
 * </ul>
 */
public final class Metrics {

  private static final double CLIP = 1e-15;

  private Metrics() {}

  /**
   * @param labels per row, the true class index
   * @param probabilities per row, the class probabilities in class order
   * @param classes the class names, for the {@code f1.<class>} keys
   */
  public static Map<String, Double> evaluate(
      int[] labels, double[][] probabilities, List<String> classes) {
    if (labels.length != probabilities.length || labels.length == 0) {
      throw new IllegalArgumentException(
          "need one probability row per label and at least one row, got "
              + labels.length
              + " labels and "
              + probabilities.length
              + " rows");
    }
    int k = classes.size();
    int[] predicted = new int[labels.length];
    int correct = 0;
    double logLoss = 0;
    for (int i = 0; i < labels.length; i++) {
      if (probabilities[i].length != k || labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("row " + i + " does not fit " + k + " classes");
      }
      predicted[i] = argmax(probabilities[i]);
      correct += predicted[i] == labels[i] ? 1 : 0;
      logLoss -= Math.log(Math.max(probabilities[i][labels[i]], CLIP));
    }
    var metrics = new LinkedHashMap<String, Double>();
    metrics.put("accuracy", (double) correct / labels.length);
    metrics.put("auc", auc(labels, probabilities, k));
    metrics.put("logLoss", logLoss / labels.length);
    var f1 = new LinkedHashMap<String, Double>();
    for (int c = 0; c < k; c++) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < labels.length; i++) {
        boolean actual = labels[i] == c;
        boolean guessed = predicted[i] == c;
        tp += actual && guessed ? 1 : 0;
        fp += !actual && guessed ? 1 : 0;
        fn += actual && !guessed ? 1 : 0;
      }
      if (tp + fp + fn > 0) {
        f1.put("f1." + classes.get(c), 2.0 * tp / (2.0 * tp + fp + fn));
      }
    }
    metrics.put(
        "macroF1", f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
    metrics.putAll(f1);
    return metrics;
  }

  private static int argmax(double[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }

  private static double auc(int[] labels, double[][] probabilities, int k) {
    if (k == 2) {
      return oneVersusRest(labels, probabilities, 1);
    }
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < k; c++) {
      double auc = oneVersusRest(labels, probabilities, c);
      if (!Double.isNaN(auc)) {
        sum += auc;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /** Mann-Whitney U over average ranks, so ties between a positive and a negative count half. */
  static double oneVersusRest(int[] labels, double[][] probabilities, int positiveClass) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> Double.compare(probabilities[a][positiveClass], probabilities[b][positiveClass]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      double score = probabilities[order[i]][positiveClass];
      while (j + 1 < n && probabilities[order[j + 1]][positiveClass] == score) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1.0;
      for (int t = i; t <= j; t++) {
        if (labels[order[t]] == positiveClass) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
