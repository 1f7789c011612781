package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import java.util.Optional;

/**
 * The registry of scoped models: families, immutable versions and the active pointer per scope.
 * Every promotion or rollback is one transaction that moves the pointer, appends an event and
 * notifies listeners of the change feed.
 */
public interface ModelStore {

  /** NOTIFY channel on which committed promotions and rollbacks are announced. */
  String CHANGE_CHANNEL = "scopeml_model_changes";

  /**
   * Registers a family, or updates its label, classes, scope columns and schema.
   *
   * @throws RegistryException INVALID if the name is not a valid model name, CONFLICT if the scope
   *     columns differ from those of a family that already has versions
   */
  ModelFamily registerFamily(ModelFamily family);

  Optional<ModelFamily> family(String name);

  List<ModelFamily> families();

  /**
   * Stores a new immutable version with the next number of its (model, scope). Idempotent per
   * training run: when the version's provenance names a run that already stored a version of this
   * scope, that version is returned and nothing is written.
   *
   * @throws RegistryException NOT_FOUND if the family is not registered
   */
  ModelVersion saveVersion(NewModelVersion version);

  /**
   * Stores a version as {@link #saveVersion} does and, in the same transaction and under the same
   * scope lock, promotes it as {@link #promoteIf} does: one commit, so a version is never left
   * stored but unpromoted by a crash between the two, and the condition compares against the
   * version that is active at commit.
   *
   * @return the stored version (or the run's earlier one), {@link ModelVersion#active()} telling
   *     whether it is the scope's active version at commit
   * @throws RegistryException NOT_FOUND if the family is not registered
   */
  ModelVersion saveAndPromoteIf(
      NewModelVersion version, String actor, String reason, PromotionCondition condition);

  Optional<ModelVersion> version(String model, ScopeKey scope, int version);

  /** A version with its artifact bytes. */
  Optional<VersionArtifact> artifact(String model, ScopeKey scope, int version);

  /** Versions of a scope, newest first. */
  List<ModelVersion> versions(String model, ScopeKey scope);

  /** Scopes of a model that have at least one version. */
  List<ScopeKey> scopes(String model);

  Optional<ModelVersion> activeVersion(String model, ScopeKey scope);

  /** Every active (model, scope, version), for reconciling caches. */
  List<ActiveVersion> activeVersions();

  /** The active versions of one model. */
  List<ActiveVersion> activeVersions(String model);

  /**
   * Makes {@code version} the active version of its scope. Promoting the version that is already
   * active changes nothing and returns the event that activated it.
   *
   * @throws RegistryException NOT_FOUND if the version does not exist
   */
  PromotionEvent promote(String model, ScopeKey scope, int version, String actor, String reason);

  /**
   * Promotes {@code version} if {@code condition} agrees, deciding under the scope's lock.
   *
   * @return the new event, or empty if the condition declined or the version was already active
   */
  Optional<PromotionEvent> promoteIf(
      String model,
      ScopeKey scope,
      int version,
      String actor,
      String reason,
      PromotionCondition condition);

  /**
   * Promotes the newest version older than the active one that was active before.
   *
   * @throws RegistryException NOT_FOUND if the scope has no active version, CONFLICT if no older
   *     version was ever active
   */
  PromotionEvent rollback(String model, ScopeKey scope, String actor, String reason);

  /** The promotion log of a scope, oldest first. */
  List<PromotionEvent> events(String model, ScopeKey scope);
}
