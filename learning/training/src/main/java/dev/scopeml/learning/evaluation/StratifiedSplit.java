package dev.scopeml.learning.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A train/holdout split that keeps each class's share: every class with at least two rows puts
 * {@code round(n * holdoutFraction)} of them, at least one and never all, in the holdout. The same
 * labels, fraction and seed always give the same split.
 *
 * @param train row indices to train on, ascending
 * @param holdout row indices to evaluate on, ascending
 */
public record StratifiedSplit(int[] train, int[] holdout) {

  /**
   * Splits rows by label.
   *
   * @param labels per row, its class index
   * @param holdoutFraction the share of each class held out, in (0, 1)
   * @param seed fixes which rows are held out
   */
  public static StratifiedSplit of(int[] labels, double holdoutFraction, long seed) {
    if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
      throw new IllegalArgumentException(
          "holdout fraction must be in (0, 1), got " + holdoutFraction);
    }
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("row " + i + " has a negative label");
      }
      byClass.get(labels[i]).add(i);
    }
    var random = new SplittableRandom(seed);
    boolean[] held = new boolean[labels.length];
    for (List<Integer> rows : byClass) {
      int n = rows.size();
      // Fisher-Yates with our own generator: Collections.shuffle's algorithm is not specified.
      int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      int take = n < 2 ? 0 : (int) Math.min(n - 1, Math.max(1, Math.round(n * holdoutFraction)));
      for (int i = 0; i < take; i++) {
        held[order[i]] = true;
      }
    }
    int heldCount = 0;
    for (boolean h : held) {
      heldCount += h ? 1 : 0;
    }
    int[] train = new int[labels.length - heldCount];
    int[] holdout = new int[heldCount];
    for (int i = 0, t = 0, h = 0; i < labels.length; i++) {
      if (held[i]) {
        holdout[h++] = i;
      } else {
        train[t++] = i;
      }
    }
    return new StratifiedSplit(train, holdout);
  }
}
