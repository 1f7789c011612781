package dev.scopeml.nginx;

import java.time.Duration;

/**
 * How a rollout ended.
 *
 * @param succeeded whether every backend now runs the new release
 * @param replaced how many old backends were replaced
 * @param duration how long it took
 * @param failure why it stopped, or null
 */
public record RolloutResult(boolean succeeded, int replaced, Duration duration, String failure) {}
