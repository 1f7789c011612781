package dev.scopeml.learning.fitting;

import dev.scopeml.modelstore.registry.ReferenceSample;
import java.util.Map;

/**
 * A fitted model's holdout evaluation.
 *
 * @param metrics finite holdout metrics by name (an undefined one, such as the AUC of a holdout
 *     with one class, is left out: JSON has no NaN)
 * @param reference holdout rows with the model's predictions, stored for the scorer's check
 */
public record Evaluation(Map<String, Double> metrics, ReferenceSample reference) {}
