package dev.scopeml.trainer.registry;

import dev.scopeml.modelstore.registry.ActiveVersion;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.PromotionEvent;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry admin API: models, their scopes and versions, and promotion and rollback of a
 * scope's active version. Every change is one registry transaction that the scorers hear of.
 */
@RestController
@RequestMapping("/v1/models")
class ModelsController {

  private static final Logger log = LoggerFactory.getLogger(ModelsController.class);
  private static final String ACTOR = "admin-api";

  private final ModelStore store;

  ModelsController(ModelStore store) {
    this.store = store;
  }

  @GetMapping
  List<RegistryViews.ModelSummary> models() {
    Map<String, Long> active =
        store.activeVersions().stream()
            .collect(Collectors.groupingBy(ActiveVersion::model, Collectors.counting()));
    return store.families().stream()
        .map(
            family ->
                RegistryViews.ModelSummary.of(
                    family, active.getOrDefault(family.name(), 0L).intValue()))
        .toList();
  }

  @GetMapping("/{model}")
  RegistryViews.ModelDetail model(@PathVariable String model) {
    ModelFamily family = family(model);
    Map<ScopeKey, Integer> active =
        store.activeVersions(model).stream()
            .collect(Collectors.toMap(ActiveVersion::scope, ActiveVersion::version));
    var scopes = new ArrayList<RegistryViews.ScopeSummary>();
    for (ScopeKey scope : store.scopes(model)) {
      List<ModelVersion> versions = store.versions(model, scope);
      scopes.add(
          new RegistryViews.ScopeSummary(
              scope.toString(),
              active.get(scope),
              versions.isEmpty() ? null : versions.getFirst().version(),
              versions.size()));
    }
    return RegistryViews.ModelDetail.of(family, scopes);
  }

  @GetMapping("/{model}/versions")
  RegistryViews.VersionList versions(
      @PathVariable String model, @RequestParam(required = false) String scope) {
    family(model);
    List<ScopeKey> scopes = scope == null ? store.scopes(model) : List.of(parse(scope, "scope"));
    var versions = new ArrayList<RegistryViews.VersionView>();
    for (ScopeKey key : scopes) {
      store.versions(model, key).stream().map(RegistryViews.VersionView::of).forEach(versions::add);
    }
    return new RegistryViews.VersionList(model, scope, versions);
  }

  @PostMapping("/{model}/promote")
  RegistryViews.EventView promote(
      @PathVariable String model,
      @RequestBody(required = false) RegistryViews.PromoteRequest body) {
    family(model);
    if (body == null || body.scope() == null || body.version() == null) {
      throw ApiException.badRequest("promote needs {\"scope\": ..., \"version\": ...}")
          .with("field", body == null || body.scope() == null ? "scope" : "version");
    }
    ScopeKey scope = parse(body.scope(), "scope");
    PromotionEvent event =
        store.promote(model, scope, body.version(), ACTOR, reason(body.reason(), "promoted"));
    log.info("model {} scope {} promoted to version {}", model, scope, event.toVersion());
    return RegistryViews.EventView.of(event);
  }

  @PostMapping("/{model}/rollback")
  RegistryViews.EventView rollback(
      @PathVariable String model,
      @RequestBody(required = false) RegistryViews.RollbackRequest body) {
    family(model);
    if (body == null || body.scope() == null) {
      throw ApiException.badRequest("rollback needs {\"scope\": ...}").with("field", "scope");
    }
    ScopeKey scope = parse(body.scope(), "scope");
    PromotionEvent event =
        store.rollback(model, scope, ACTOR, reason(body.reason(), "rolled back"));
    log.info(
        "model {} scope {} rolled back from version {} to {}",
        model,
        scope,
        event.fromVersion(),
        event.toVersion());
    return RegistryViews.EventView.of(event);
  }

  private ModelFamily family(String model) {
    return store
        .family(model)
        .orElseThrow(() -> ApiException.notFound("no model '" + model + "'").with("model", model));
  }

  private static ScopeKey parse(String scope, String field) {
    try {
      return ScopeKey.parse(scope);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage()).with("field", field);
    }
  }

  private static String reason(String given, String fallback) {
    return given == null || given.isBlank() ? fallback + " through the admin API" : given;
  }
}
