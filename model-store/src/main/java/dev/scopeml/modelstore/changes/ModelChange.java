package dev.scopeml.modelstore.changes;

import dev.scopeml.modelstore.registry.PromotionEvent;
import dev.scopeml.modelstore.scope.ScopeKey;
import tools.jackson.databind.json.JsonMapper;

/**
 * A committed change of a scope's active version, as carried by a notification.
 *
 * @param model the family
 * @param scope the scope
 * @param version the version now active
 * @param eventId the promotion event that made it so
 */
public record ModelChange(String model, ScopeKey scope, int version, long eventId) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Payload(String model, String scope, int version, long event) {}

  /** The change an event records. */
  public static ModelChange of(PromotionEvent event) {
    return new ModelChange(event.model(), event.scope(), event.toVersion(), event.id());
  }

  /** The notification payload, JSON. */
  public String toPayload() {
    return JSON.writeValueAsString(new Payload(model, scope.toString(), version, eventId));
  }

  /** Parses a notification payload. */
  public static ModelChange fromPayload(String payload) {
    Payload parsed = JSON.readValue(payload, Payload.class);
    return new ModelChange(
        parsed.model(), ScopeKey.parse(parsed.scope()), parsed.version(), parsed.event());
  }
}
