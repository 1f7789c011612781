package dev.scopeml.scorer.modelcache;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.modelstore.scope.ScopeRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request path's entrance to the cache: which family a model name means and which loaded
 * version answers a scope. Lookups are lock-free; only a scope that is active but not loaded (never
 * loaded, or evicted) makes the caller wait for its load.
 */
public final class ModelResolver {

  private final RegistryView view;
  private final ModelCache cache;
  private final ModelLoads loads;
  private final RegistrySync sync;
  private final Duration lazyLoadTimeout;

  ModelResolver(
      RegistryView view,
      ModelCache cache,
      ModelLoads loads,
      RegistrySync sync,
      Duration lazyLoadTimeout) {
    this.view = view;
    this.cache = cache;
    this.loads = loads;
    this.sync = sync;
    this.lazyLoadTimeout = lazyLoadTimeout;
  }

  /**
   * The family called {@code model}.
   *
   * @throws UnknownModelException if there is none
   */
  public ModelFamily family(String model) {
    ModelFamily family = model == null ? null : view.family(model);
    if (family == null) {
      throw new UnknownModelException("model '" + printable(model) + "' does not exist");
    }
    return family;
  }

  /**
   * The version answering {@code scope} of {@code model}: the scope's own active version, else the
   * model's global version as a fallback.
   *
   * @throws UnknownScopeException if neither exists
   * @throws ModelUnavailableException if the answering scope has no version the scorer can serve
   */
  public Resolution resolve(String model, ScopeKey scope) {
    ScopeRoute<Integer> route =
        ScopeRoute.of(scope, s -> view.active(new ModelScope(model, s)))
            .orElseThrow(
                () ->
                    new UnknownScopeException(
                        scope.toString(),
                        "model '"
                            + model
                            + "' has no active version for scope '"
                            + scope
                            + "' and no global model to fall back to"));
    var key = new ModelScope(model, route.answering());
    LoadedModel loaded = cache.get(key);
    if (loaded == null) {
      loaded = loadNow(key, route.version());
    }
    loaded.touch();
    return new Resolution(loaded, route.fallback());
  }

  /** Whether the scorer has loaded every version active at start (readiness). */
  public boolean isWarm() {
    return sync.isWarm();
  }

  /** Whether the change listener is connected to the registry. */
  public boolean isListening() {
    return sync.isListening();
  }

  /** The backend process id of the change listener's connection, or -1 while disconnected. */
  public int listenerBackendPid() {
    return sync.listenerBackendPid();
  }

  /** Whether every active scope of {@code model} has a loaded version. */
  public boolean isModelReady(String model) {
    boolean any = false;
    for (Map.Entry<ModelScope, Integer> entry : view.activeVersions().entrySet()) {
      if (entry.getKey().model().equals(model)) {
        any = true;
        if (cache.get(entry.getKey()) == null && !cache.wasEvicted(entry.getKey())) {
          return false;
        }
      }
    }
    return any;
  }

  /** The active version numbers of {@code model}, ascending. */
  public Set<Integer> activeVersions(String model) {
    return view.activeVersionNumbers(model);
  }

  /** Every loaded version. */
  public List<LoadedModel> loaded() {
    return cache.snapshot();
  }

  private LoadedModel loadNow(ModelScope key, int version) {
    try {
      return loads.load(key, version).get(lazyLoadTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ModelUnavailableException(
          "no servable version of " + key + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ModelUnavailableException(
          "loading " + key + " v" + version + " takes longer than " + lazyLoadTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException("interrupted while loading " + key, e);
    }
  }

  /** A client-supplied name, cut short and stripped of control characters, for messages. */
  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > 128 ? text.substring(0, 128) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
