package dev.scopeml.modelstore.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a pooled connection, optionally as one transaction that commits on success and
 * rolls back on any exception. SQL errors surface as {@link DataAccessException}.
 */
public final class Transactions {

  private final DataSource dataSource;

  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Work on a connection in auto-commit mode. */
  public <T> T withConnection(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** Work in one transaction. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** Every row of a query whose {@code ?} parameters are bound, in order, to {@code parameters}. */
  public <T> List<T> list(String sql, Rows.Reader<T> reader, Object... parameters) {
    return withConnection(
        connection -> {
          try (var statement = prepare(connection, sql, parameters)) {
            return Rows.all(statement, reader);
          }
        });
  }

  /** The first row of a query whose parameters are bound to {@code parameters}, if any. */
  public <T> Optional<T> one(String sql, Rows.Reader<T> reader, Object... parameters) {
    return withConnection(
        connection -> {
          try (var statement = prepare(connection, sql, parameters)) {
            return Rows.one(statement, reader);
          }
        });
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  /** JDBC work that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
