/**
 * Training tasks as work of the worker pool: train a claimed task's scope, store and promote the
 * version, with cancellation between stages; heartbeats and takeover of crashed trainers' tasks
 * come from {@link dev.scopeml.trainer.workers}.
 */
package dev.scopeml.trainer.training;
