/**
 * The work queue: training runs (a run row plus one task per scope) and batch scoring jobs (a job
 * row plus one chunk per slice of its input and a commit chunk), claimed by any number of workers
 * with {@code FOR UPDATE SKIP LOCKED} under a lease that heartbeats keep alive. A crashed worker's
 * lease expires and its task is claimed again; the lease token stops the stale worker from
 * completing it.
 */
package dev.scopeml.modelstore.queue;
