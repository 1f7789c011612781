/** Bearer-token protection of the run and admin APIs; health and metrics endpoints stay open. */
package dev.scopeml.trainer.security;
