package dev.scopeml.testsupport.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every test that needs PostgreSQL: each test class gets its own migrated database on the
 * server {@link TestPostgres} chose, and a pool to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PostgresTest {

  private DatabaseSettings settings;
  private HikariDataSource dataSource;

  @BeforeAll
  final void openDatabase() {
    settings = TestPostgres.freshDatabase(getClass().getSimpleName());
    dataSource = Database.pool(settings);
  }

  @AfterAll
  final void closeDatabase() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  /** The pooled data source of this class's database. */
  protected HikariDataSource dataSource() {
    return dataSource;
  }

  /** How to connect to this class's database (for a second pool or a dedicated connection). */
  protected DatabaseSettings settings() {
    return settings;
  }
}
