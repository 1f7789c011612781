package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A run to enqueue.
 *
 * @param id the run id
 * @param model the model it trains
 * @param spec the run's request as JSON; the queue stores it and hands it to workers unread
 * @param scopes one task per scope
 * @param maxAttempts how many times a task may be claimed before it fails for good
 * @param engine what trains the run's scopes
 */
public record NewRun(
    UUID id, String model, String spec, List<ScopeKey> scopes, int maxAttempts, Engine engine) {

  /** A run the trainers' workers train. */
  public NewRun(UUID id, String model, String spec, List<ScopeKey> scopes, int maxAttempts) {
    this(id, model, spec, scopes, maxAttempts, Engine.TRAINER);
  }

  public NewRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(spec, "spec");
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least one scope");
    }
    if (scopes.stream().distinct().count() != scopes.size()) {
      throw new IllegalArgumentException("a run lists a scope twice");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
