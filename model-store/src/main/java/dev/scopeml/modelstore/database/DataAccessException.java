package dev.scopeml.modelstore.database;

import java.sql.SQLException;

/** The database failed (connection lost, constraint broken); the operation did not take effect. */
public final class DataAccessException extends RuntimeException {

  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE of the underlying error, or null. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
