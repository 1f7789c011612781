package dev.scopeml.scorer.modelcache;

import dev.scopeml.modelstore.changes.ChangeListener;
import dev.scopeml.modelstore.changes.ModelChange;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link RegistryView} and the cache in step with the registry. Three sources drive it:
 * change notifications (applied as they arrive), a full reconcile after every (re)connect of the
 * change listener (notifications sent while it was disconnected are lost), and a periodic reconcile
 * as the backstop. All three run on one thread, so a reconcile's snapshot and a notification are
 * applied in the order they happened and an older snapshot never undoes a newer change.
 *
 * <p>Until the first reconcile succeeds (the database may be down or not yet migrated) it retries;
 * the scorer is warm, and may report ready, once the versions of that first reconcile are loaded.
 */
final class RegistrySync implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RegistrySync.class);

  private final ModelStore store;
  private final DatabaseSettings settings;
  private final RegistryView view;
  private final ModelCache cache;
  private final ModelLoads loads;
  private final Duration pollInterval;
  private final Duration idleCheck;
  private final Duration reconnectBackoff;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("scopeml-registry-sync").factory());
  private final CompletableFuture<Void> warm = new CompletableFuture<>();
  private final AtomicLong reconciles = new AtomicLong();
  private volatile ChangeListener listener;
  private volatile Instant lastReconcile;
  private volatile boolean running;

  RegistrySync(
      ModelStore store,
      DatabaseSettings settings,
      RegistryView view,
      ModelCache cache,
      ModelLoads loads,
      Duration pollInterval,
      Duration idleCheck,
      Duration reconnectBackoff) {
    this.store = store;
    this.settings = settings;
    this.view = view;
    this.cache = cache;
    this.loads = loads;
    this.pollInterval = pollInterval;
    this.idleCheck = idleCheck;
    this.reconnectBackoff = reconnectBackoff;
  }

  /** Whether the versions active at the first successful reconcile have been loaded or refused. */
  boolean isWarm() {
    return warm.isDone();
  }

  /** Whether the change listener is connected. */
  boolean isListening() {
    ChangeListener current = listener;
    return current != null && current.isConnected();
  }

  /** The server process id of the listener's connection, or -1. */
  int listenerBackendPid() {
    ChangeListener current = listener;
    return current == null ? -1 : current.backendPid();
  }

  /** Completed reconciles since start. */
  long reconcileCount() {
    return reconciles.get();
  }

  Instant lastReconcile() {
    return lastReconcile;
  }

  @Override
  public void start() {
    running = true;
    listener =
        new ChangeListener(
                () -> Database.dedicatedConnection(settings),
                change -> thread.execute(() -> apply(change)),
                this::reconcileAndWait,
                idleCheck,
                reconnectBackoff)
            .start();
    long pollMillis = pollInterval.toMillis();
    thread.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    ChangeListener current = listener;
    if (current != null) {
      current.close();
    }
    thread.shutdownNow();
    loads.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server has finished in-flight requests, which may still need loads. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  /** Runs a reconcile on the sync thread now (the listener's hook after every connect). */
  private void reconcileAndWait() {
    try {
      thread.submit(this::reconcile).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reconciling", e);
    } catch (ExecutionException e) {
      // The listener logs it, backs off and reconnects, which reconciles again.
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
  }

  private void poll() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      log.warn("periodic reconcile with the registry failed: {}", e.toString());
    }
  }

  /** Reads every family and active version and brings the view and the cache in line. */
  private void reconcile() {
    view.replaceFamilies(store.families());
    var gone = view.replaceActive(store.activeVersions());
    gone.forEach(cache::remove);
    var started = new ArrayList<CompletableFuture<LoadedModel>>();
    for (Map.Entry<ModelScope, Integer> entry : view.activeVersions().entrySet()) {
      CompletableFuture<LoadedModel> load = refresh(entry.getKey(), entry.getValue());
      if (load != null) {
        started.add(load);
      }
    }
    lastReconcile = Instant.now();
    reconciles.incrementAndGet();
    completeWarmUpAfter(started);
    log.debug(
        "reconciled: {} active scopes, {} loads started",
        view.activeVersions().size(),
        started.size());
  }

  private void completeWarmUpAfter(List<CompletableFuture<LoadedModel>> loadsOfFirstReconcile) {
    if (warm.isDone()) {
      return;
    }
    CompletableFuture.allOf(
            loadsOfFirstReconcile.stream()
                .map(load -> load.handle((model, failure) -> null))
                .toArray(CompletableFuture[]::new))
        .thenRun(
            () -> {
              if (warm.complete(null)) {
                log.info(
                    "model cache warm: {} versions loaded, {} bytes estimated",
                    cache.size(),
                    cache.bytes());
              }
            });
  }

  /**
   * Applies a change heard on the feed. The notification only says which scope changed: any login
   * to the database may NOTIFY on the channel, the scorer's own read-only one included, so the
   * version to serve is read from the registry, where only a promotion can move it.
   */
  private void apply(ModelChange change) {
    var key = new ModelScope(change.model(), change.scope());
    Optional<ModelVersion> active;
    try {
      active = store.activeVersion(change.model(), change.scope());
    } catch (RuntimeException e) {
      log.warn("change feed: cannot read the active version of {}: {}", key, e.toString());
      return;
    }
    if (active.isEmpty()) {
      log.warn("change feed: {} has no active version in the registry; ignored", key);
      return;
    }
    int version = active.get().version();
    if (version != change.version()) {
      log.warn(
          "change feed: notification says {} is at v{}, the registry says v{}",
          key,
          change.version(),
          version);
    }
    if (view.family(change.model()) == null) {
      store.family(change.model()).ifPresent(view::putFamily);
    }
    view.setActive(key, version);
    log.info("change feed: {} now at v{} (event {})", key, version, change.eventId());
    refresh(key, version);
  }

  /**
   * Starts loading the active version of {@code key} unless it is loaded, refused, or the scope was
   * evicted for room (it then loads on its next request).
   */
  private CompletableFuture<LoadedModel> refresh(ModelScope key, int version) {
    LoadedModel cached = cache.get(key);
    if (cached != null && cached.version() == version) {
      return null;
    }
    if (loads.isRefused(key, version) || (cached == null && cache.wasEvicted(key))) {
      return null;
    }
    return loads.load(key, version);
  }
}
