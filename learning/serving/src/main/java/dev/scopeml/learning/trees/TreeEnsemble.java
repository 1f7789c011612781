package dev.scopeml.learning.trees;

/**
 * A boosted tree ensemble as one flat array of nodes. Each node is {@link #STRIDE} consecutive ints
 * of {@link #nodes}, so one step of a walk reads one cache line rather than one per field; node
 * references are offsets into that array, already multiplied by the stride. A tree's nodes are
 * contiguous and breadth-first, and the two children of a split are adjacent, so a node stores one
 * child.
 *
 * <p>A node holds {@link #ROW_SLOT}, a slot of the prepared row (see {@link PreparedRow}), {@link
 * #CHILD}, and {@link #BOUND}, a float's bits. The step is the same for every node: go to {@code
 * child} if {@code row[rowSlot] < bound}, to the node after it if not. That one comparison carries
 * xgboost's semantics because the prepared row holds each value and its negation:
 *
 * <ul>
 *   <li>A split whose missing values go right reads the value and keeps the threshold and the
 *       children's order: NaN is not less than anything, so it goes right.
 *   <li>A split whose missing values go left reads the negated value, stores the children swapped
 *       and the bound {@code nextUp(-threshold)}: for floats {@code x >= t} is {@code -x <
 *       nextUp(-t)}, which is false for NaN, so NaN goes to the second child, the left one.
 *   <li>A leaf reads the row's last slot, always −∞, and leads to itself, so every walk can take
 *       exactly {@link #treeDepth} steps with no test for "is this a leaf" and several walks can go
 *       in lockstep. Its bound is its leaf value (finite, so −∞ is below it).
 * </ul>
 */
public final class TreeEnsemble {

  /**
   * Ints per node. Not padded to four: a node straddling a cache line is rarer than the misses a
   * third larger ensemble causes, and batches measured faster with three.
   */
  static final int STRIDE = 3;

  static final int ROW_SLOT = 0;
  static final int CHILD = 1;
  static final int BOUND = 2;

  final int[] roots;
  final int[] treeGroup;
  final int[] treeDepth;
  final int[] nodes;
  final float[] baseMargin;
  final Objective objective;
  final int width;
  final String xgboostVersion;

  /**
   * @param roots per tree, the offset of its root node
   * @param treeGroup per tree, the output group (class for softprob) it adds to
   * @param treeDepth per tree, the number of steps from the root to its deepest leaf
   * @param nodes every node, {@link #STRIDE} ints each, as described above
   * @param baseMargin per group, the margin before any tree
   * @param objective how margins become probabilities
   * @param width the encoded row width
   * @param xgboostVersion the version of xgboost that wrote the model, e.g. {@code 3.0.4}
   */
  TreeEnsemble(
      int[] roots,
      int[] treeGroup,
      int[] treeDepth,
      int[] nodes,
      float[] baseMargin,
      Objective objective,
      int width,
      String xgboostVersion) {
    this.roots = roots;
    this.treeGroup = treeGroup;
    this.treeDepth = treeDepth;
    this.nodes = nodes;
    this.baseMargin = baseMargin;
    this.objective = objective;
    this.width = width;
    this.xgboostVersion = xgboostVersion;
  }

  public int treeCount() {
    return roots.length;
  }

  public int nodeCount() {
    return nodes.length / STRIDE;
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
