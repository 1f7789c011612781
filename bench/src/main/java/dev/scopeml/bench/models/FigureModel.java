package dev.scopeml.bench.models;

import dev.scopeml.testsupport.models.TelcoModel;

/**
 * The model the figures serve: the tests' telco fixture for {@code contract=Month-to-month} (3,875
 * customers), 100 rounds of depth 6, eta 0.3. Tribuo's softprob grows one tree per class, so it
 * holds 200 trees.
 */
public final class FigureModel {

  /** The contract type the figures' model is trained on. */
  public static final String CONTRACT = "Month-to-month";

  private static final long SEED = 42;

  private FigureModel() {}

  /** Trains it; about a second. */
  public static TelcoModel train() {
    return TelcoModel.train(CONTRACT, 100, 6, SEED);
  }
}
