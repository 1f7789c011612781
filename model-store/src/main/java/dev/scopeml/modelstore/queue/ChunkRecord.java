package dev.scopeml.modelstore.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * A scoring chunk as stored.
 *
 * @param id chunk id
 * @param jobId its job
 * @param chunk its number within the job
 * @param kind rows or commit
 * @param status where it is
 * @param attempts how many times it was claimed
 * @param leaseOwner the worker that holds or last held it
 * @param startedAt first claim
 * @param finishedAt end
 * @param result the worker's result JSON, or null
 * @param error the last failure, or null
 */
public record ChunkRecord(
    long id,
    UUID jobId,
    int chunk,
    ChunkKind kind,
    TaskStatus status,
    int attempts,
    String leaseOwner,
    Instant startedAt,
    Instant finishedAt,
    String result,
    String error) {}
