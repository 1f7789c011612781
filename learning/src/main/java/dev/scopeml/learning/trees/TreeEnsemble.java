package dev.scopeml.learning.trees;

/**
 * A boosted tree ensemble as flat arrays (structure of arrays). Node {@code n} of any tree is slot
 * {@code n} of every node array; a tree's nodes are contiguous, and the right child of a split is
 * always the slot after its left child, so one child index is stored.
 *
 * <p>A leaf is a node that leads to itself: threshold +∞ sends every finite value left, to the
 * leaf, and NaN's default child is the leaf too. So walking a tree is exactly {@link #treeDepth}
 * steps with no test for "is this a leaf", which keeps the loop free of unpredictable branches and
 * lets several rows walk the same tree in lockstep.
 *
 * <p>Feature indices are already slots of the encoded row, not xgboost's column numbers.
 */
public final class TreeEnsemble {

  final int[] roots;
  final int[] treeGroup;
  final int[] treeDepth;
  final int[] feature;
  final float[] threshold;
  final int[] left;
  final int[] missing;
  final float[] leafValue;
  final float[] baseMargin;
  final Objective objective;
  final int width;
  final String xgboostVersion;

  /**
   * @param roots per tree, its root node
   * @param treeGroup per tree, the output group (class for softprob) it adds to
   * @param treeDepth per tree, the number of steps from the root to its deepest leaf
   * @param feature per node, the encoded-row slot it splits on (0 for a leaf)
   * @param threshold per node, the split threshold (+∞ for a leaf)
   * @param left per node, the left ("yes") child, the right child being {@code left + 1}; a leaf
   *     itself
   * @param missing per node, the child a NaN goes to; a leaf itself
   * @param leafValue per node, the value a leaf adds to the margin (0 for a split)
   * @param baseMargin per group, the margin before any tree
   * @param objective how margins become probabilities
   * @param width the encoded row width the feature slots refer to
   * @param xgboostVersion the version of xgboost that wrote the model, e.g. {@code 3.0.4}
   */
  TreeEnsemble(
      int[] roots,
      int[] treeGroup,
      int[] treeDepth,
      int[] feature,
      float[] threshold,
      int[] left,
      int[] missing,
      float[] leafValue,
      float[] baseMargin,
      Objective objective,
      int width,
      String xgboostVersion) {
    this.roots = roots;
    this.treeGroup = treeGroup;
    this.treeDepth = treeDepth;
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.missing = missing;
    this.leafValue = leafValue;
    this.baseMargin = baseMargin;
    this.objective = objective;
    this.width = width;
    this.xgboostVersion = xgboostVersion;
  }

  public int treeCount() {
    return roots.length;
  }

  public int nodeCount() {
    return feature.length;
  }

  /** Output groups: 1 for {@link Objective#BINARY_LOGISTIC}, the class count for softprob. */
  public int groups() {
    return baseMargin.length;
  }

  public Objective objective() {
    return objective;
  }

  /** The xgboost version recorded in the model. */
  public String xgboostVersion() {
    return xgboostVersion;
  }

  /** The encoded row width. */
  public int width() {
    return width;
  }
}
