package dev.scopeml.learning.trees;

/**
 * A boosted tree ensemble as flat arrays (structure of arrays). Node {@code n} of any tree is slot
 * {@code n} of every node array; a tree's nodes are contiguous, and the right child of a split is
 * always the slot after its left child, so one child index is stored.
 *
 * <p>Feature indices are already slots of the encoded row, not xgboost's column numbers.
 */
public final class TreeEnsemble {

  final int[] roots;
  final int[] treeGroup;
  final int[] feature;
  final float[] value;
  final int[] left;
  final int[] missing;
  final float[] baseMargin;
  final Objective objective;
  final int width;
  final String xgboostVersion;

  /**
   * @param roots per tree, its root node
   * @param treeGroup per tree, the output group (class for softprob) it adds to
   * @param feature per node, the encoded-row slot it splits on, or -1 for a leaf
   * @param value per node, the split threshold, or the leaf value for a leaf
   * @param left per split, the left ("yes") child; the right child is {@code left + 1}
   * @param missing per split, the child a NaN goes to
   * @param baseMargin per group, the margin before any tree
   * @param objective how margins become probabilities
   * @param width the encoded row width the feature slots refer to
   * @param xgboostVersion the version of xgboost that wrote the model, e.g. {@code 3.0.4}
   */
  TreeEnsemble(
      int[] roots,
      int[] treeGroup,
      int[] feature,
      float[] value,
      int[] left,
      int[] missing,
      float[] baseMargin,
      Objective objective,
      int width,
      String xgboostVersion) {
    this.roots = roots;
    this.treeGroup = treeGroup;
    this.feature = feature;
    this.value = value;
    this.left = left;
    this.missing = missing;
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
