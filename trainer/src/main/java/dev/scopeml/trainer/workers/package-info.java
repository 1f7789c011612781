/**
 * The trainer's worker threads: each claims one piece of work at a time from the shared PostgreSQL
 * queue (a training task or a scoring chunk, taking turns between the kinds), keeps its lease alive
 * with heartbeats, and reports how it ended.
 */
package dev.scopeml.trainer.workers;
