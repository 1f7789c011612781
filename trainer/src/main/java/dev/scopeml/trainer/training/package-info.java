/**
 * The workers: claim a task from the shared queue, train its scope, store and promote the version,
 * with heartbeats, cancellation and takeover of crashed trainers' tasks.
 */
package dev.scopeml.trainer.training;
