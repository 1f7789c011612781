package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;

/**
 * One entry of the append-only promotion log.
 *
 * @param id increasing event id
 * @param model the family
 * @param scope the scope
 * @param kind promote or rollback
 * @param fromVersion the version active before, or null when the scope had none
 * @param toVersion the version active after
 * @param actor who asked for it
 * @param reason why, free text
 * @param at commit time
 */
public record PromotionEvent(
    long id,
    String model,
    ScopeKey scope,
    Kind kind,
    Integer fromVersion,
    int toVersion,
    String actor,
    String reason,
    Instant at) {

  /** What moved the pointer. */
  public enum Kind {
    PROMOTE,
    ROLLBACK
  }
}
