package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.modelstore.queue.ClaimedChunk;

/**
 * Hears, on the worker's thread, when a rows chunk reaches a {@link ChunkPhase}. Beans of this type
 * are called in order; tests use it to act at an exact point of a job.
 */
@FunctionalInterface
public interface ChunkListener {

  void reached(ChunkPhase phase, ClaimedChunk chunk);
}
