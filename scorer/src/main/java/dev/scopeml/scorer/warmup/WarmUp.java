package dev.scopeml.scorer.warmup;

import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.scorer.config.ListenerProperties;
import dev.scopeml.scorer.listener.PublicListener;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The last steps before a scorer takes traffic, on a thread of their own once the web server runs:
 * wait until the active versions are loaded, replay their reference rows through the scorer's own
 * listener until the JIT compiler is quiet (not counted in the prediction metrics), open the public
 * listener, and only then count as done, which readiness waits for. A public port another process
 * holds stops the scorer: it could never take traffic.
 */
@Component
public final class WarmUp implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

  private final ModelResolver resolver;
  private final ModelStore store;
  private final PublicListener listener;
  private final PredictionMetrics metrics;
  private final ListenerProperties.WarmUp settings;
  private final ConfigurableApplicationContext context;
  private volatile boolean running;
  private volatile boolean done;
  private volatile WarmUpResult replayed = WarmUpResult.none();
  private Thread thread;

  WarmUp(
      ModelResolver resolver,
      ModelStore store,
      PublicListener listener,
      PredictionMetrics metrics,
      ListenerProperties properties,
      ConfigurableApplicationContext context) {
    this.resolver = resolver;
    this.store = store;
    this.listener = listener;
    this.metrics = metrics;
    this.settings = properties.warmUp();
    this.context = context;
  }

  /** Whether the scorer is warm and its public listener open. */
  public boolean isDone() {
    return done;
  }

  /** What the replay did; {@link WarmUpResult#none()} before it ends or without one. */
  public WarmUpResult replayed() {
    return replayed;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("scopeml-warm-up").daemon().start(this::run);
  }

  /** Stops a warm-up still running: a scorer shutting down takes no traffic any more. */
  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the web server has started (it serves the replay), before the shutdown begins. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  private void run() {
    try {
      while (running && !resolver.isWarm()) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      return;
    }
    if (settings.enabled() && running) {
      replay();
    }
    if (!running) {
      return;
    }
    try {
      listener.open();
    } catch (IllegalStateException e) {
      log.error("{}: stopping, a scorer that cannot listen can take no traffic", e.getMessage());
      System.exit(SpringApplication.exit(context, () -> 1));
    }
    done = true;
    if (settings.thenExit()) {
      log.info("ready and warm: exiting, as scopeml.scorer.warm-up.then-exit asks");
      // Not on this thread: closing the context stops this lifecycle, which interrupts it.
      Thread.ofPlatform()
          .name("scopeml-exit")
          .start(() -> System.exit(SpringApplication.exit(context, () -> 0)));
    }
  }

  private void replay() {
    List<WarmUpRequest> requests;
    try {
      requests = WarmUpRequests.of(resolver.loaded(), store);
    } catch (RuntimeException e) {
      log.warn("warm-up skipped: cannot read the reference rows: {}", e.toString());
      return;
    }
    if (requests.isEmpty()) {
      log.info("warm-up skipped: no loaded version has reference rows");
      return;
    }
    metrics.pause();
    try {
      WarmUpResult result =
          new Replay().run(listener.operatorPort(), requests, settings.maxTime(), () -> running);
      replayed = result;
      log.info(
          String.format(
              Locale.ROOT,
              "warm-up: %d requests from reference rows in %.1f s, %d not answered 200; %s",
              result.requests(),
              result.duration().toMillis() / 1000.0,
              result.errors(),
              result.quiet()
                  ? "the JIT compiler is quiet"
                  : "the JIT compiler was still busy at scopeml.scorer.warm-up.max-time"));
    } finally {
      metrics.resume();
    }
  }
}
