package dev.scopeml.learning.trees;

import dev.scopeml.learning.prediction.Predictor;
import java.util.Arrays;

/**
 * Evaluates a {@link TreeEnsemble} on encoded rows, allocation-free and thread-safe. Agrees with
 * xgboost's own prediction to within float rounding of the final link function (below 1e-6).
 */
public final class TreeEnsemblePredictor implements Predictor {

  /** Rows per block in batch mode: enough to reuse a tree from cache, few enough to stay in L1. */
  private static final int BLOCK = 64;

  private final int[] roots;
  private final int[] treeSlot;
  private final int[] feature;
  private final float[] value;
  private final int[] left;
  private final int[] missing;
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
    this.feature = ensemble.feature;
    this.value = ensemble.value;
    this.left = ensemble.left;
    this.missing = ensemble.missing;
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
    for (int t = 0; t < roots.length; t++) {
      int leaf = leaf(roots[t], encodedRow, 0);
      int at = treeSlot[t];
      // Summed in float, as xgboost does: a double sum of two floats rounds to their float sum.
      probabilitiesOut[at] = (float) (probabilitiesOut[at] + value[leaf]);
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
    final float[] value = this.value;
    for (int start = 0; start < rowCount; start += BLOCK) {
      int end = Math.min(rowCount, start + BLOCK);
      for (int r = start; r < end; r++) {
        initMargins(probabilitiesOut, r * classCount);
      }
      // Tree-major within a block: each tree's nodes stay in cache while every row walks it.
      for (int t = 0; t < roots.length; t++) {
        int root = roots[t];
        int slot = treeSlot[t];
        for (int r = start; r < end; r++) {
          int leaf = leaf(root, rowsFlat, r * width);
          int at = r * classCount + slot;
          probabilitiesOut[at] = (float) (probabilitiesOut[at] + value[leaf]);
        }
      }
      for (int r = start; r < end; r++) {
        link(probabilitiesOut, r * classCount);
      }
    }
  }

  private int leaf(int root, double[] rows, int offset) {
    final int[] feature = this.feature;
    final float[] value = this.value;
    final int[] left = this.left;
    int node = root;
    int slot;
    while ((slot = feature[node]) >= 0) {
      float x = (float) rows[offset + slot];
      float threshold = value[node];
      int yes = left[node];
      // NaN fails both comparisons and takes the learned default direction.
      node = x < threshold ? yes : (x >= threshold ? yes + 1 : missing[node]);
    }
    return node;
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
