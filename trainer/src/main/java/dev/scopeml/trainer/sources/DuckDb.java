package dev.scopeml.trainer.sources;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * In-memory DuckDB connections, the trainer's Parquet reader and writer. Each is a database of its
 * own with one thread (the trainer's workers are the parallelism), no extension installed or loaded
 * at run time (Parquet is built into the driver), and file access confined to the data directory,
 * locked so that no statement can widen it.
 */
public final class DuckDb {

  private DuckDb() {}

  /** A new connection that may read and write files under {@code dataDirectory} only. */
  public static Connection open(Path dataDirectory) throws SQLException {
    var properties = new Properties();
    properties.setProperty("threads", "1");
    properties.setProperty("memory_limit", "1GB");
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
    try (var settings = connection.createStatement()) {
      settings.execute(
          "SET allowed_directories = ['"
              + dataDirectory.toAbsolutePath().toString().replace("'", "''")
              + "']");
      settings.execute("SET enable_external_access = false");
      settings.execute("SET lock_configuration = true");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Whether a DuckDB type holds numbers a model can take as a numeric feature. */
  public static boolean numeric(String type) {
    return switch (type.replaceAll("\\(.*", "")) {
      case "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT",
          "FLOAT",
          "DOUBLE",
          "DECIMAL" ->
          true;
      default -> false;
    };
  }
}
