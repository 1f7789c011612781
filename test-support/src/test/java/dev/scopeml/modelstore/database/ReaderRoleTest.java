package dev.scopeml.modelstore.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.StoredModels;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderRoleTest extends PostgresTest {

  private static final ScopeKey SCOPE = ScopeKey.of("contract", "Two year");
  private static final String PASSWORD = "s3cret'; DROP TABLE x; --";

  @Test
  void aReaderCanReadTheRegistryButNotChangeIt() throws SQLException {
    var store = new JdbcModelStore(dataSource());
    store.registerFamily(StoredModels.family("guarded"));
    store.saveVersion(StoredModels.version("guarded", SCOPE, null, 0.8));
    store.promote("guarded", SCOPE, 1, "admin", "setup");
    Database.ensureReaderLogin(dataSource(), "scorer_reader_test", PASSWORD);

    try (var reader =
            DriverManager.getConnection(settings().url(), "scorer_reader_test", PASSWORD);
        var statement = reader.createStatement()) {
      try (var rows = statement.executeQuery("SELECT count(*) FROM model_versions")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
      statement.execute("LISTEN " + ModelStore.CHANGE_CHANNEL);
      List<String> writes =
          List.of(
              "INSERT INTO model_families (name, label, classes, scope_columns, feature_schema)"
                  + " VALUES ('x', 'y', '[]', '[]', '{}')",
              "UPDATE activations SET active = false",
              "DELETE FROM promotion_events",
              "INSERT INTO training_runs (id, model, spec) VALUES (gen_random_uuid(), 'm', '{}')",
              "CREATE TABLE sneaky (id int)");
      for (String write : writes) {
        assertThat(catchThrowable(() -> statement.execute(write)))
            .as(write)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
    }
    assertThat(store.activeVersion("guarded", SCOPE)).isPresent();
  }

  @Test
  void refusesUserNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> Database.ensureReaderLogin(dataSource(), "x; DROP ROLE y", "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
