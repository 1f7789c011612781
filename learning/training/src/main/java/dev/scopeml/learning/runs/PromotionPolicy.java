package dev.scopeml.learning.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.scopeml.modelstore.registry.PromotionCondition;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether a freshly trained version becomes its scope's active version. */
public enum PromotionPolicy {
  /** Every new version is promoted. */
  ALWAYS,
  /** Versions are only stored; an operator promotes them. */
  NEVER,
  /**
   * Promoted when the scope has no active version, or when the new version's holdout metric beats
   * the active one's. Decided under the scope's lock, so two concurrent runs cannot both win.
   */
  IF_BETTER;

  /** The API spelling: {@code if-better}; also its form in a stored run spec. */
  @JsonValue
  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The policy spelled {@code name} in the API. */
  public static Optional<PromotionPolicy> fromApi(String name) {
    return Arrays.stream(values()).filter(p -> p.apiName().equals(name)).findFirst();
  }

  /** The condition {@code ModelStore.promoteIf} evaluates for this policy. */
  public PromotionCondition condition(Metric metric) {
    return switch (this) {
      case ALWAYS -> PromotionCondition.always();
      case NEVER -> (active, candidate) -> false;
      case IF_BETTER ->
          (active, candidate) -> {
            Double proposed = candidate.metrics().get(metric.key());
            if (active == null) {
              return true;
            }
            Double current = active.metrics().get(metric.key());
            if (proposed == null) {
              return false;
            }
            return current == null || metric.better(proposed, current);
          };
    };
  }

  /** The holdout metrics a policy can compare, and which way is better. */
  public enum Metric {
    AUC("auc", true),
    ACCURACY("accuracy", true),
    MACRO_F1("macroF1", true),
    LOG_LOSS("logLoss", false);

    private final String key;
    private final boolean higherIsBetter;

    Metric(String key, boolean higherIsBetter) {
      this.key = key;
      this.higherIsBetter = higherIsBetter;
    }

    /** The metric's name in stored metrics, the API and a stored run spec. */
    @JsonValue
    public String key() {
      return key;
    }

    /** Whether {@code proposed} is strictly better than {@code current}. */
    public boolean better(double proposed, double current) {
      return higherIsBetter ? proposed > current : proposed < current;
    }

    public static Optional<Metric> fromKey(String key) {
      return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
  }
}
