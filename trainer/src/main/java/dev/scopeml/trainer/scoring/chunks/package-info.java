/**
 * Scoring chunks as work of the worker pool: a rows chunk reads its slice, routes every row to the
 * version pinned for its scope (or the global one), encodes and predicts it as the scorer's HTTP
 * API would, and commits its output; the commit chunk ends the job's output. The pinned versions
 * are loaded and verified once per job on each trainer.
 */
package dev.scopeml.trainer.scoring.chunks;
