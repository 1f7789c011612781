package dev.scopeml.learning.smile;

import dev.scopeml.learning.algorithm.Algorithm;
import java.util.List;

/** The Smile algorithms, for the registry. */
public final class SmileAlgorithms {

  private SmileAlgorithms() {}

  /** {@code smile-gbm}, {@code smile-rf} and {@code smile-logit}. */
  public static List<Algorithm> all() {
    return List.of(
        new SmileGradientBoosting(), new SmileRandomForest(), new SmileLogisticRegression());
  }
}
