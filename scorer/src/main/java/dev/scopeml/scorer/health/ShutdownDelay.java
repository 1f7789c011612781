package dev.scopeml.scorer.health;

import dev.scopeml.scorer.config.ScorerProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, keeps serving for {@code scopeml.scorer.shutdown-delay} after readiness has flipped
 * to refusing, before the web server stops taking connections: a load balancer that polls readiness
 * gets time to notice. It stops before the graceful web-server shutdown, which then lets in-flight
 * requests finish.
 */
@Component
class ShutdownDelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ShutdownDelay.class);

  private final Duration delay;
  private volatile boolean running;

  ShutdownDelay(ScorerProperties properties) {
    this.delay = properties.shutdownDelay();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (delay.isPositive()) {
      log.info("not ready any more; serving {} more before draining", delay);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Above the web server's graceful-shutdown phase, so this stops first. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
