package dev.scopeml.load;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics by the nearest-rank method: the p-th percentile is the smallest value with at
 * least p% of the values at or below it, so it is always a value that was measured.
 */
public final class Stats {

  private Stats() {}

  /** The p-th percentile (0 &lt; p &le; 100) of {@code values}, NaN when there are none. */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  /** The p-th percentile of {@code values}. */
  public static double percentile(Collection<? extends Number> values, double p) {
    return percentile(values.stream().mapToDouble(Number::doubleValue).toArray(), p);
  }

  /** The median: for an even count, the mean of the two middle values. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The median of {@code values}. */
  public static double median(Collection<? extends Number> values) {
    return median(values.stream().mapToDouble(Number::doubleValue).toArray());
  }
}
