package dev.scopeml.trainer.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.PromotionEvent;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The request and response bodies of the registry admin API. */
final class RegistryViews {

  private RegistryViews() {}

  /** One model in the model list. */
  record ModelSummary(
      String model,
      String label,
      List<String> classes,
      List<String> scopeBy,
      int activeScopes,
      Instant updatedAt) {

    static ModelSummary of(ModelFamily family, int activeScopes) {
      return new ModelSummary(
          family.name(),
          family.label(),
          family.classes(),
          family.scopeColumns(),
          activeScopes,
          family.updatedAt());
    }
  }

  /** A model with its scopes. */
  record ModelDetail(
      String model,
      String label,
      List<String> classes,
      List<String> scopeBy,
      FeatureSchema schema,
      Instant createdAt,
      Instant updatedAt,
      List<ScopeSummary> scopes) {

    static ModelDetail of(ModelFamily family, List<ScopeSummary> scopes) {
      return new ModelDetail(
          family.name(),
          family.label(),
          family.classes(),
          family.scopeColumns(),
          family.schema(),
          family.createdAt(),
          family.updatedAt(),
          scopes);
    }
  }

  /**
   * A scope of a model.
   *
   * @param scope canonical key
   * @param activeVersion the version serving it, or null
   * @param latestVersion the newest version
   * @param versions how many versions it has
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ScopeSummary(String scope, Integer activeVersion, Integer latestVersion, int versions) {}

  /** The versions of one scope, or of every scope when no scope was asked for. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VersionList(String model, String scope, List<VersionView> versions) {}

  /** A stored version without its artifact. */
  record VersionView(
      String scope,
      int version,
      boolean active,
      String algorithm,
      String format,
      Map<String, Object> hyperparameters,
      Map<String, Double> metrics,
      UUID runId,
      String dataSource,
      long trainingRows,
      long holdoutRows,
      String library,
      String javaVersion,
      String sha256,
      int artifactBytes,
      int referenceRows,
      Instant createdAt) {

    static VersionView of(ModelVersion version) {
      var provenance = version.provenance();
      return new VersionView(
          version.scope().toString(),
          version.version(),
          version.active(),
          version.algorithm(),
          version.format(),
          version.hyperparameters(),
          version.metrics(),
          provenance.runId(),
          provenance.dataSource(),
          provenance.trainingRows(),
          provenance.holdoutRows(),
          provenance.library(),
          provenance.javaVersion(),
          version.sha256(),
          version.artifactBytes(),
          version.reference().rows().size(),
          version.createdAt());
    }
  }

  /** {@code POST /v1/models/{model}/promote}. */
  record PromoteRequest(String scope, Integer version, String reason) {}

  /** {@code POST /v1/models/{model}/rollback}. */
  record RollbackRequest(String scope, String reason) {}

  /** A promotion or rollback that happened. */
  record EventView(
      String model,
      String scope,
      String kind,
      Integer fromVersion,
      int version,
      String actor,
      String reason,
      Instant at) {

    static EventView of(PromotionEvent event) {
      return new EventView(
          event.model(),
          event.scope().toString(),
          event.kind().name().toLowerCase(java.util.Locale.ROOT),
          event.fromVersion(),
          event.toVersion(),
          event.actor(),
          event.reason(),
          event.at());
    }
  }
}
