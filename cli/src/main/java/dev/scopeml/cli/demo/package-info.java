/**
 * {@code scopeml demo}: the main job end to end on the local stack. It trains telco churn by
 * contract through the CLI's own {@code train} and {@code promote}, predicts through nginx as an
 * application would, and rolls the scorers to a new release under a live load whose requests and
 * failures it counts.
 */
package dev.scopeml.cli.demo;
