/**
 * The run API: a run request is planned against its data (every check before anything is stored),
 * its family registered, and one task per scope queued for the workers of every trainer.
 */
package dev.scopeml.trainer.runs;
