package dev.scopeml.scorer.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scorer listens and when it starts taking traffic, {@code scopeml.scorer.*}.
 *
 * @param operatorPort the operator listener: probes, metrics and model metadata (and predictions,
 *     for operators), bound at start. With it, the public listener ({@code server.port}) serves
 *     only predictions and probes, and is bound only once the scorer is ready and warm, so a load
 *     balancer's connect is refused until then. Without it (null), one listener on {@code
 *     server.port}, bound at start, serves everything.
 * @param warmUp replaying the stored reference rows through the request path before ready
 */
@ConfigurationProperties("scopeml.scorer")
public record ListenerProperties(Integer operatorPort, @DefaultValue WarmUp warmUp) {

  public ListenerProperties {
    if (operatorPort != null && (operatorPort < 0 || operatorPort > 65535)) {
      throw new IllegalArgumentException(
          "scopeml.scorer.operator-port must be a port (0-65535), not " + operatorPort);
    }
  }

  /**
   * The warm-up, {@code scopeml.scorer.warm-up.*}.
   *
   * @param enabled whether to replay the stored reference rows before reporting ready
   * @param maxTime the longest the replay may take; the scorer turns ready after it even if the JIT
   *     compiler is still busy
   * @param thenExit exit (code 0) once ready and warm: the launcher's run that records the JDK AOT
   *     cache, which then holds the request path's classes and method profiles too
   */
  public record WarmUp(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10s") Duration maxTime,
      @DefaultValue("false") boolean thenExit) {

    public WarmUp {
      if (maxTime.isNegative()) {
        throw new IllegalArgumentException("scopeml.scorer.warm-up.max-time must not be negative");
      }
    }
  }
}
