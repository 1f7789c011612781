package dev.scopeml.learning.trees;

import dev.scopeml.learning.prediction.Predictor;
import java.util.Arrays;

/**
 * Evaluates a {@link TreeEnsemble} on encoded rows, allocation-free and thread-safe. Agrees with
 * xgboost's own prediction to within float rounding of the final link function (below 1e-6).
 */
public final class TreeEnsemblePredictor implements Predictor {

  private final int[] roots;
  private final int[] treeSlot;
  private final int[] treeDepth;
  private final int[] feature;
  private final float[] threshold;
  private final int[] left;
  private final int[] missing;
  private final float[] leafValue;
  private final float[] baseMargin;
  private final int[] groupSlot;
  private final boolean logistic;
  private final int negativeSlot;
  private final int classCount;
  private final int width;
  private final TreeEnsemble ensemble;

  /**
   * @param ensemble the trees
   * @param classSlots the output index of each model class: per group for softprob; for
   *     binary:logistic two entries, the negative then the positive class
   * @param classCount the number of outputs, at least every index in {@code classSlots} plus one
   */
  public TreeEnsemblePredictor(TreeEnsemble ensemble, int[] classSlots, int classCount) {
    this.ensemble = ensemble;
    this.logistic = ensemble.objective == Objective.BINARY_LOGISTIC;
    int expected = logistic ? 2 : ensemble.groups();
    if (classSlots.length != expected) {
      throw new IllegalArgumentException(
          "model has " + expected + " classes, " + classSlots.length + " class slots given");
    }
    if (Arrays.stream(classSlots).anyMatch(s -> s < 0 || s >= classCount)
        || Arrays.stream(classSlots).distinct().count() != classSlots.length) {
      throw new IllegalArgumentException(
          "class slots " + Arrays.toString(classSlots) + " do not fit " + classCount + " classes");
    }
    this.negativeSlot = logistic ? classSlots[0] : -1;
    this.groupSlot = logistic ? new int[] {classSlots[1]} : classSlots.clone();
    this.classCount = classCount;
    this.width = ensemble.width;
    this.roots = ensemble.roots;
    this.treeDepth = ensemble.treeDepth;
    this.feature = ensemble.feature;
    this.threshold = ensemble.threshold;
    this.left = ensemble.left;
    this.missing = ensemble.missing;
    this.leafValue = ensemble.leafValue;
    this.baseMargin = ensemble.baseMargin;
    this.treeSlot = new int[roots.length];
    for (int t = 0; t < roots.length; t++) {
      treeSlot[t] = groupSlot[ensemble.treeGroup[t]];
    }
  }

  /** The ensemble this predictor evaluates. */
  public TreeEnsemble ensemble() {
    return ensemble;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void predict(double[] encodedRow, double[] probabilitiesOut) {
    if (encodedRow.length < width || probabilitiesOut.length < classCount) {
      throw new IllegalArgumentException(
          "need a row of " + width + " slots and room for " + classCount + " probabilities");
    }
    initMargins(probabilitiesOut, 0);
    final int[] roots = this.roots;
    final int[] treeSlot = this.treeSlot;
    final int[] treeDepth = this.treeDepth;
    final float[] leafValue = this.leafValue;
    for (int t = 0; t < roots.length; t++) {
      int node = roots[t];
      for (int d = treeDepth[t]; d > 0; d--) {
        node = step(node, encodedRow, 0);
      }
      int at = treeSlot[t];
      // Summed in float, as xgboost does: a double sum of two floats rounds to their float sum.
      probabilitiesOut[at] = (float) (probabilitiesOut[at] + leafValue[node]);
    }
    link(probabilitiesOut, 0);
  }

  @Override
  public void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut) {
    if (rowCount < 0
        || rowsFlat.length < (long) rowCount * width
        || probabilitiesOut.length < (long) rowCount * classCount) {
      throw new IllegalArgumentException(
          rowCount
              + " rows need "
              + rowCount * (long) width
              + " input slots and room for "
              + rowCount * (long) classCount
              + " probabilities");
    }
    final int[] roots = this.roots;
    final int[] treeSlot = this.treeSlot;
    final int[] treeDepth = this.treeDepth;
    final float[] leafValue = this.leafValue;
    int r = 0;
    // Four rows walk each tree in lockstep: their paths are independent, so the CPU overlaps the
    // memory loads of one row's step with the others' instead of waiting on each in turn.
    for (; r + 4 <= rowCount; r += 4) {
      int o0 = r * width;
      int o1 = o0 + width;
      int o2 = o1 + width;
      int o3 = o2 + width;
      int p0 = r * classCount;
      int p1 = p0 + classCount;
      int p2 = p1 + classCount;
      int p3 = p2 + classCount;
      initMargins(probabilitiesOut, p0);
      initMargins(probabilitiesOut, p1);
      initMargins(probabilitiesOut, p2);
      initMargins(probabilitiesOut, p3);
      for (int t = 0; t < roots.length; t++) {
        int n0 = roots[t];
        int n1 = n0;
        int n2 = n0;
        int n3 = n0;
        for (int d = treeDepth[t]; d > 0; d--) {
          n0 = step(n0, rowsFlat, o0);
          n1 = step(n1, rowsFlat, o1);
          n2 = step(n2, rowsFlat, o2);
          n3 = step(n3, rowsFlat, o3);
        }
        int slot = treeSlot[t];
        probabilitiesOut[p0 + slot] = (float) (probabilitiesOut[p0 + slot] + leafValue[n0]);
        probabilitiesOut[p1 + slot] = (float) (probabilitiesOut[p1 + slot] + leafValue[n1]);
        probabilitiesOut[p2 + slot] = (float) (probabilitiesOut[p2 + slot] + leafValue[n2]);
        probabilitiesOut[p3 + slot] = (float) (probabilitiesOut[p3 + slot] + leafValue[n3]);
      }
      link(probabilitiesOut, p0);
      link(probabilitiesOut, p1);
      link(probabilitiesOut, p2);
      link(probabilitiesOut, p3);
    }
    for (; r < rowCount; r++) {
      int p = r * classCount;
      initMargins(probabilitiesOut, p);
      for (int t = 0; t < roots.length; t++) {
        int node = roots[t];
        for (int d = treeDepth[t]; d > 0; d--) {
          node = step(node, rowsFlat, r * width);
        }
        int at = p + treeSlot[t];
        probabilitiesOut[at] = (float) (probabilitiesOut[at] + leafValue[node]);
      }
      link(probabilitiesOut, p);
    }
  }

  /** One level down: left if the value is below the threshold, right if not, NaN by default. */
  private int step(int node, double[] rows, int offset) {
    float x = (float) rows[offset + feature[node]];
    int next = left[node] + (x < threshold[node] ? 0 : 1);
    return x != x ? missing[node] : next;
  }

  private void initMargins(double[] out, int offset) {
    Arrays.fill(out, offset, offset + classCount, 0.0);
    for (int g = 0; g < groupSlot.length; g++) {
      out[offset + groupSlot[g]] = baseMargin[g];
    }
  }

  private void link(double[] out, int offset) {
    if (logistic) {
      int positive = offset + groupSlot[0];
      double p = 1.0 / (1.0 + Math.exp(-out[positive]));
      out[positive] = p;
      out[offset + negativeSlot] = 1.0 - p;
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int slot : groupSlot) {
      max = Math.max(max, out[offset + slot]);
    }
    double sum = 0.0;
    for (int slot : groupSlot) {
      double e = Math.exp(out[offset + slot] - max);
      out[offset + slot] = e;
      sum += e;
    }
    for (int slot : groupSlot) {
      out[offset + slot] /= sum;
    }
  }
}
