package dev.scopeml.bench.report;

import java.util.Locale;

/**
 * A figure's target and whether a measured value meets it.
 *
 * @param text the target as the issue states it, e.g. {@code ≥ 0.8}
 * @param met whether the measured value meets it; null when nothing could be measured
 */
public record Target(String text, Boolean met) {

  /** A target of at least {@code bound}. */
  public static Target atLeast(double value, double bound, String text) {
    return new Target(text, Double.isNaN(value) ? null : value >= bound);
  }

  /** A target of at most {@code bound}. */
  public static Target atMost(double value, double bound, String text) {
    return new Target(text, Double.isNaN(value) ? null : value <= bound);
  }

  /** No target: the value is reported for scale. */
  public static Target none() {
    return new Target("—", null);
  }

  /** {@code met}, {@code **missed**} or {@code —}. */
  public String verdict() {
    if (met == null) {
      return text.equals("—") ? "—" : "not measured";
    }
    return met ? "met" : "**missed**";
  }

  /**
   * Formats a value compared with {@code bound} as {@link #number(double, int)} does, with more
   * places (up to four) where {@code decimals} would show a value that differs from the bound as
   * equal to it: a missed 1.797 against 1.8 reads 1.797, not 1.80.
   */
  public static String number(double value, double bound, int decimals) {
    int places = decimals;
    while (places < 4 && value != bound && number(value, places).equals(number(bound, places))) {
      places++;
    }
    return number(value, places);
  }

  /** Formats a number for a table: thousands separators, {@code decimals} places, — for NaN. */
  public static String number(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
