/** The JSON error contract shared by every endpoint of the trainer. */
package dev.scopeml.trainer.api;
