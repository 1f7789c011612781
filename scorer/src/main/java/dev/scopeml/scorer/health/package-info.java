/**
 * Readiness and liveness: {@code /readyz}, {@code /livez}, the model cache's health, and the
 * shutdown sequence that stops reporting ready before in-flight requests drain.
 */
package dev.scopeml.scorer.health;
