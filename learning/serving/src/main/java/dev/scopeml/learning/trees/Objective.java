package dev.scopeml.learning.trees;

/** The xgboost objectives whose margins this package can turn into class probabilities. */
public enum Objective {
  /** One margin, the positive class's log-odds; probabilities by the sigmoid. */
  BINARY_LOGISTIC("binary:logistic"),
  /** One margin per class; probabilities by the softmax. */
  MULTI_SOFTPROB("multi:softprob");

  private final String xgboostName;

  Objective(String xgboostName) {
    this.xgboostName = xgboostName;
  }

  /** The objective as xgboost names it. */
  public String xgboostName() {
    return xgboostName;
  }

  /**
   * The objective xgboost calls {@code name}.
   *
   * @throws IllegalArgumentException for objectives that do not yield class probabilities
   */
  public static Objective of(String name) {
    for (Objective objective : values()) {
      if (objective.xgboostName.equals(name)) {
        return objective;
      }
    }
    throw new IllegalArgumentException(
        "xgboost objective '" + name + "' is not supported, only binary:logistic, multi:softprob");
  }
}
