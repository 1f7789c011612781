package dev.scopeml.trainer.scoring.chunks;

/** The points of a rows chunk a {@link ChunkListener} hears about, in order. */
public enum ChunkPhase {
  /** The worker holds the chunk's lease and has the job's pinned versions. */
  CLAIMED,
  /** The chunk's rows are read and scored; nothing is written yet. */
  SCORED,
  /** The chunk's output is committed; the chunk is not yet completed in the queue. */
  COMMITTED
}
