/** Tests of the worker pool: trainers sharing a run, and a crashed trainer's task taken over. */
package dev.scopeml.trainer.workers;
