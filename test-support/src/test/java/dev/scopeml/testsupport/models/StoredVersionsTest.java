package dev.scopeml.testsupport.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoredVersionsTest extends PostgresTest {

  private static final ScopeKey SCOPE = ScopeKey.of("contract", "One year");

  private ModelStore store;
  private ModelVersion stored;

  @BeforeAll
  void storeOneVersion() {
    store = new JdbcModelStore(dataSource());
    store.registerFamily(StoredModels.family("m"));
    stored = store.saveVersion(StoredModels.version("m", SCOPE, null, 0.8));
  }

  @Test
  void aCopyIsStoredAsTheNextVersionWithTheSameArtifact() {
    ModelVersion copy = store.saveVersion(StoredVersions.asNew(store, "m", SCOPE, 1));

    assertThat(copy.version()).isGreaterThan(stored.version());
    assertThat(copy.sha256()).isEqualTo(stored.sha256());
    assertThat(store.artifact("m", SCOPE, copy.version()).orElseThrow().bytes())
        .isEqualTo(store.artifact("m", SCOPE, 1).orElseThrow().bytes());
  }

  @Test
  void aTamperedRowSitsBesideTheGoodOneAndNoLongerMatchesItsChecksum() {
    int tampered = StoredVersions.insertFlipped(dataSource(), store, stored);

    byte[] bytes = store.artifact("m", SCOPE, tampered).orElseThrow().bytes();
    assertThat(bytes).isNotEqualTo(store.artifact("m", SCOPE, 1).orElseThrow().bytes());
    assertThatThrownBy(() -> ArtifactEnvelope.open(bytes, stored.sha256()))
        .as("the recorded SHA-256 is the good version's")
        .isInstanceOf(ArtifactException.class);
    assertThat(store.version("m", SCOPE, 1).orElseThrow().sha256())
        .as("the good version is untouched")
        .isEqualTo(stored.sha256());
  }

  @Test
  void storedVersionsCannotBeChangedInPlace() throws SQLException {
    try (var connection = dataSource().getConnection();
        var update = connection.createStatement()) {
      assertThatThrownBy(() -> update.executeUpdate("UPDATE model_versions SET artifact_bytes = 0"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }
}
