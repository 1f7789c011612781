package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.UUID;

/**
 * A task a worker holds under a lease. The lease token proves ownership: once the lease expires and
 * another worker claims the task, this token no longer completes or heartbeats it.
 *
 * @param id task id
 * @param runId its run
 * @param model the model the run trains
 * @param spec the run's request JSON
 * @param scope the scope to train
 * @param attempt which claim this is, from 1
 * @param worker the claiming worker
 * @param leaseToken proof of ownership
 */
public record ClaimedTask(
    long id,
    UUID runId,
    String model,
    String spec,
    ScopeKey scope,
    int attempt,
    String worker,
    UUID leaseToken) {}
