/**
 * The {@code scopeml} command line: training runs with a live progress bar and a per-scope table,
 * run listing and cancelling, and the registry's model listing, promotion and rollback. Talks to
 * the trainer's HTTP API with the admin token.
 */
package dev.scopeml.cli;
