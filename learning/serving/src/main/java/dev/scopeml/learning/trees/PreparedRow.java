package dev.scopeml.learning.trees;

/**
 * The row a {@link TreeEnsemble} walk reads: the encoded row converted to float once (xgboost
 * compares floats), then each value negated, then −∞. See {@link TreeEnsemble} for why the
 * negations and the −∞ let every node take the same branch-free step.
 */
final class PreparedRow {

  private PreparedRow() {}

  /** Floats a prepared row of an encoded row of {@code width} slots takes. */
  static int length(int width) {
    return 2 * width + 1;
  }

  /** The slot holding the negation of encoded slot {@code slot}. */
  static int negated(int width, int slot) {
    return width + slot;
  }

  /** The slot holding −∞, read by leaves. */
  static int leaf(int width) {
    return 2 * width;
  }

  /**
   * Prepares {@code width} values of {@code rows} from {@code offset} into {@code out} at {@code
   * at}.
   */
  static void fill(double[] rows, int offset, int width, float[] out, int at) {
    for (int i = 0; i < width; i++) {
      float x = (float) rows[offset + i];
      out[at + i] = x;
      out[at + width + i] = -x;
    }
    out[at + 2 * width] = Float.NEGATIVE_INFINITY;
  }
}
