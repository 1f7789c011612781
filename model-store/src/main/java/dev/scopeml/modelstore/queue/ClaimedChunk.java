package dev.scopeml.modelstore.queue;

import java.util.UUID;

/**
 * A scoring chunk a worker holds under a lease; the lease token proves ownership as for a {@link
 * ClaimedTask}.
 *
 * @param id chunk id
 * @param jobId its job
 * @param model the model the job scores with
 * @param spec the job's spec JSON
 * @param chunk the chunk's number within the job (the commit chunk's is the number of slices)
 * @param kind rows or commit
 * @param slice the slice JSON the chunk was enqueued with
 * @param attempt which claim this is, from 1
 * @param worker the claiming worker
 * @param leaseToken proof of ownership
 */
public record ClaimedChunk(
    long id,
    UUID jobId,
    String model,
    String spec,
    int chunk,
    ChunkKind kind,
    String slice,
    int attempt,
    String worker,
    UUID leaseToken) {}
