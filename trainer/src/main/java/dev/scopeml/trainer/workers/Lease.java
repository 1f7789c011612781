package dev.scopeml.trainer.workers;

/** The worker's side of the work it holds, asked between the work's stages. */
public interface Lease {

  /**
   * Whether the worker must drop the work without reporting anything: its lease was lost, or the
   * pool was halted.
   */
  boolean abandoned();
}
