/**
 * The scorer tier commands, {@code scopeml status}, {@code scale} and {@code rollout}: the nginx
 * module's tier controller driven against the local stack's tier state, or against a docker compose
 * project with {@code --driver compose}.
 */
package dev.scopeml.cli.tier;
