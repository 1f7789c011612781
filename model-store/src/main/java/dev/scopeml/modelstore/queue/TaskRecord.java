package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;
import java.util.UUID;

/**
 * A task as stored.
 *
 * @param id task id
 * @param runId its run
 * @param scope the scope it trains
 * @param status where it is
 * @param attempts how many times it was claimed
 * @param maxAttempts its claim limit
 * @param leaseOwner the worker that holds or last held it
 * @param leaseUntil when the current lease expires
 * @param startedAt first claim
 * @param finishedAt end
 * @param result the worker's result JSON, or null
 * @param error the last failure, or null
 */
public record TaskRecord(
    long id,
    UUID runId,
    ScopeKey scope,
    TaskStatus status,
    int attempts,
    int maxAttempts,
    String leaseOwner,
    Instant leaseUntil,
    Instant startedAt,
    Instant finishedAt,
    String result,
    String error) {}
