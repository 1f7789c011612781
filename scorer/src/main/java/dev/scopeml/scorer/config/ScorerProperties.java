package dev.scopeml.scorer.config;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the scorer, {@code scopeml.scorer.*}.
 *
 * @param version the label reported at {@code GET /v2} and in the {@code X-Scorer-Version} header,
 *     so a load balancer can tell scorer versions apart during a rollout; defaults to the jar's
 *     Implementation-Version
 * @param maxInstances the most rows one request may carry
 * @param maxBodySize the largest request body; larger ones are answered 413
 * @param cacheMaxBytes the estimated memory the model cache may hold before it evicts the least
 *     recently used scope
 * @param pollInterval how often the cache is reconciled with the registry even without
 *     notifications (the backstop for a lost change feed)
 * @param loaderThreads threads that load and verify models off the request path
 * @param listenerIdleCheck how long the change listener waits quietly before checking its
 *     connection is alive
 * @param reconnectBackoff the longest pause between reconnect attempts of the change listener
 * @param shutdownDelay how long the scorer keeps serving after it reports not ready on shutdown,
 *     for load balancers that only notice readiness by polling it
 * @param latencyScopes where latency is also recorded per scope: a model name (every scope of it)
 *     or {@code model:scope} with the scope's canonical form (e.g. {@code churn:contract=One
 *     year}); every other scope has request and error counters only, its latency in its model's
 *     histogram
 */
@ConfigurationProperties("scopeml.scorer")
public record ScorerProperties(
    String version,
    @DefaultValue("1000") int maxInstances,
    @DefaultValue("2MB") DataSize maxBodySize,
    @DefaultValue("512MB") DataSize cacheMaxBytes,
    @DefaultValue("30s") Duration pollInterval,
    @DefaultValue("2") int loaderThreads,
    @DefaultValue("10s") Duration listenerIdleCheck,
    @DefaultValue("5s") Duration reconnectBackoff,
    @DefaultValue("0s") Duration shutdownDelay,
    Set<String> latencyScopes) {

  public ScorerProperties {
    latencyScopes = latencyScopes == null ? Set.of() : Set.copyOf(latencyScopes);
    if (version == null || version.isBlank()) {
      String implementation = ScorerProperties.class.getPackage().getImplementationVersion();
      version = implementation == null ? "dev" : implementation;
    }
    if (maxInstances < 1) {
      throw new IllegalArgumentException("scopeml.scorer.max-instances must be at least 1");
    }
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("scopeml.scorer.max-body-size must be 1KB to 2GB");
    }
    if (loaderThreads < 1) {
      throw new IllegalArgumentException("scopeml.scorer.loader-threads must be at least 1");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("scopeml.scorer.poll-interval must be positive");
    }
  }
}
