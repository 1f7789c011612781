package dev.scopeml.testsupport.models;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.VersionArtifact;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Versions made from a stored one: an identical copy under the next number (to have something to
 * promote), and tampered rows written past the registry's checks, as a corrupted disk or someone
 * with write access to the database would leave them. Stored versions are immutable (a trigger
 * refuses every UPDATE and DELETE of {@code model_versions}), so tampering means inserting a new
 * row beside the good one, never changing it.
 */
public final class StoredVersions {

  private StoredVersions() {}

  /**
   * The next version of {@code source}'s scope as a copy of it whose artifact has one byte flipped
   * near its end: the bytes no longer match the recorded SHA-256.
   *
   * @return the new version number
   */
  public static int insertFlipped(DataSource owner, ModelStore store, ModelVersion source) {
    byte[] artifact =
        store.artifact(source.model(), source.scope(), source.version()).orElseThrow().bytes();
    artifact[artifact.length - 10] ^= 0x5A;
    return insertWithArtifact(owner, source, artifact);
  }

  /**
   * {@code version} of the scope as a new version to store, artifact and all. Its provenance names
   * no run: the registry would otherwise hand back the run's existing version instead of storing a
   * new one.
   */
  public static NewModelVersion asNew(ModelStore store, String model, ScopeKey scope, int version) {
    VersionArtifact stored = store.artifact(model, scope, version).orElseThrow();
    ModelVersion meta = stored.version();
    return new NewModelVersion(
        model,
        scope,
        meta.algorithm(),
        meta.hyperparameters(),
        meta.metrics(),
        meta.schema(),
        meta.reference(),
        new Provenance(
            null,
            meta.provenance().dataSource(),
            meta.provenance().trainingRows(),
            meta.provenance().holdoutRows(),
            meta.provenance().trainedAt(),
            meta.provenance().library(),
            meta.provenance().javaVersion()),
        ArtifactEnvelope.open(stored.bytes(), meta.sha256()));
  }

  /**
   * Inserts the next version of {@code source}'s scope with every column of {@code source} but the
   * artifact bytes, which are {@code artifact} as given: the recorded SHA-256 stays the source's.
   *
   * @param owner a pool with the rights of the schema's owner
   * @return the new version number
   */
  public static int insertWithArtifact(DataSource owner, ModelVersion source, byte[] artifact) {
    try (var connection = owner.getConnection()) {
      connection.setAutoCommit(false);
      int version;
      try (var bump =
          connection.prepareStatement(
              "UPDATE model_scopes SET last_version = last_version + 1"
                  + " WHERE model = ? AND scope = ? RETURNING last_version")) {
        bump.setString(1, source.model());
        bump.setString(2, source.scope().toString());
        try (var result = bump.executeQuery()) {
          result.next();
          version = result.getInt(1);
        }
      }
      try (var insert =
          connection.prepareStatement(
              """
              INSERT INTO model_versions (model, scope, version, format, algorithm,
                hyperparameters, metrics, feature_schema, reference, provenance, run_id,
                artifact, artifact_sha256, artifact_bytes)
              SELECT model, scope, ?, format, algorithm, hyperparameters, metrics,
                feature_schema, reference, provenance, NULL, ?, artifact_sha256, ?
              FROM model_versions WHERE model = ? AND scope = ? AND version = ?
              """)) {
        insert.setInt(1, version);
        insert.setBytes(2, artifact);
        insert.setInt(3, artifact.length);
        insert.setString(4, source.model());
        insert.setString(5, source.scope().toString());
        insert.setInt(6, source.version());
        if (insert.executeUpdate() != 1) {
          throw new IllegalStateException("no row copied from " + source);
        }
      }
      connection.commit();
      return version;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert a copy of " + source, e);
    }
  }
}
