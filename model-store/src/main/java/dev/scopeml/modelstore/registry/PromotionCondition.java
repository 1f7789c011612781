package dev.scopeml.modelstore.registry;

/**
 * Decides, inside the promotion transaction and under the scope's lock, whether a candidate
 * replaces the active version. Lets a policy such as "promote if the AUC is better" compare against
 * the version that is really active at commit time.
 */
@FunctionalInterface
public interface PromotionCondition {

  /**
   * @param active the scope's active version, or null when it has none
   * @param candidate the version that would be promoted
   */
  boolean shouldPromote(ModelVersion active, ModelVersion candidate);

  /** Always promote. */
  static PromotionCondition always() {
    return (active, candidate) -> true;
  }
}
