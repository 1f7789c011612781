package dev.scopeml.trainer.sources;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.learning.runs.SourceRef.JdbcRef;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Reads rows from the named JDBC sources of the configuration. No SQL text comes from a request: a
 * table is looked up in the database's metadata and every identifier in the query is the metadata's
 * own spelling, quoted; a query is one the configuration names; scope values are bound parameters.
 */
@Component
public class JdbcTables {

  private static final int FETCH_SIZE = 5_000;

  private final Map<String, TrainerProperties.JdbcSource> sources;

  JdbcTables(TrainerProperties properties) {
    this.sources = properties.sources();
  }

  /**
   * Every row of the table or query, restricted to {@code scopes} when any are given; SQL nulls,
   * empty text and {@code missingValues} are missing.
   */
  DataTable read(
      JdbcRef ref, List<String> scopeBy, List<ScopeKey> scopes, Set<String> missingValues) {
    TrainerProperties.JdbcSource source = source(ref);
    try (Connection connection = connect(source)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      String quote = connection.getMetaData().getIdentifierQuoteString().strip();
      Relation relation =
          ref.table() != null
              ? table(connection.getMetaData(), ref.table(), quote)
              : query(connection, source, ref.query());
      for (String column : scopeBy) {
        if (!relation.columns().contains(column)) {
          throw ApiException.badRequest(
                  "scope column '" + column + "' is not a column of " + ref.describe())
              .with("field", "scopeBy")
              .with("column", column);
        }
      }
      var sql = new StringBuilder("SELECT ");
      for (int c = 0; c < relation.columns().size(); c++) {
        sql.append(c == 0 ? "" : ", ").append(quoted(relation.columns().get(c), quote));
      }
      sql.append(" FROM ").append(relation.from());
      var parameters = new ArrayList<String>();
      if (!scopes.isEmpty()) {
        sql.append(" WHERE ");
        for (int s = 0; s < scopes.size(); s++) {
          sql.append(s == 0 ? "(" : " OR (");
          int c = 0;
          for (var value : scopes.get(s).values().entrySet()) {
            sql.append(c++ == 0 ? "" : " AND ")
                .append("CAST(")
                .append(quoted(value.getKey(), quote))
                .append(" AS VARCHAR) = ?");
            parameters.add(value.getValue());
          }
          sql.append(')');
        }
      }
      try (var statement = connection.prepareStatement(sql.toString())) {
        statement.setFetchSize(FETCH_SIZE);
        for (int p = 0; p < parameters.size(); p++) {
          statement.setString(p + 1, parameters.get(p));
        }
        var table = new DataTable.Builder(relation.columns());
        var typed = new MissingRule(missingValues, true);
        try (ResultSet result = statement.executeQuery()) {
          int width = relation.columns().size();
          var row = new ArrayList<String>(width);
          while (result.next()) {
            row.clear();
            for (int c = 1; c <= width; c++) {
              row.add(typed.orNull(result.getString(c)));
            }
            table.add(row);
          }
        }
        return table.build();
      }
    } catch (SQLException e) {
      throw failed(ref, e);
    }
  }

  private static ApiException failed(JdbcRef ref, SQLException e) {
    return ApiException.badRequest(
            "jdbc source '"
                + ref.source()
                + "' failed: "
                + e.getMessage().lines().findFirst().orElse(""))
        .with("field", "source.jdbc");
  }

  private TrainerProperties.JdbcSource source(JdbcRef ref) {
    if (ref.source() == null || !sources.containsKey(ref.source())) {
      throw ApiException.badRequest(
              "unknown jdbc source '"
                  + ref.source()
                  + "'; configured sources: "
                  + new TreeSet<>(sources.keySet()))
          .with("field", "source.jdbc.source");
    }
    if ((ref.table() == null) == (ref.query() == null)) {
      throw ApiException.badRequest("source.jdbc needs exactly one of 'table' and 'query'")
          .with("field", "source.jdbc");
    }
    return sources.get(ref.source());
  }

  /**
   * A connection to the named source, for batch scoring's reads and writes.
   *
   * @param field the request field naming the source, for the error
   * @throws ApiException 400 naming the configured sources if there is no such source
   */
  public Connection connect(String name, String field) throws SQLException {
    if (name == null || !sources.containsKey(name)) {
      throw ApiException.badRequest(
              "unknown jdbc source '"
                  + name
                  + "'; configured sources: "
                  + new TreeSet<>(sources.keySet()))
          .with("field", field);
    }
    return connect(sources.get(name));
  }

  /**
   * The table ({@code schema.table} allowed, looked up in the metadata) or configured query a
   * reference names, with its columns.
   *
   * @throws ApiException 400 if the source has no such table or query
   */
  public Relation relation(Connection connection, JdbcRef ref) throws SQLException {
    String quote = quote(connection);
    return ref.table() != null
        ? table(connection.getMetaData(), ref.table(), quote)
        : query(connection, sources.get(ref.source()), ref.query());
  }

  /**
   * What another process needs to read {@code ref} itself (a Spark application): the source's URL,
   * login and driver class, and the reference's FROM clause as resolved here.
   *
   * @throws ApiException 400 if the source, table or query does not exist or cannot be reached
   */
  public RemoteRead remoteRead(JdbcRef ref) {
    TrainerProperties.JdbcSource source = source(ref);
    try (Connection connection = connect(source)) {
      return new RemoteRead(
          source.url(),
          source.user() == null ? "" : source.user(),
          source.resolvedPassword(),
          DriverManager.getDriver(source.url()).getClass().getName(),
          relation(connection, ref).from());
    } catch (SQLException e) {
      throw failed(ref, e);
    }
  }

  /**
   * A JDBC source as another process reads it.
   *
   * @param url JDBC URL
   * @param user user name
   * @param password password
   * @param driver the driver's class name
   * @param from the FROM clause of a table or configured query
   */
  public record RemoteRead(String url, String user, String password, String driver, String from) {

    @Override
    public String toString() {
      return "RemoteRead[" + url + " as " + user + ": " + from + "]";
    }
  }

  /** The connection's identifier quote, empty when it has none. */
  public static String quote(Connection connection) throws SQLException {
    return connection.getMetaData().getIdentifierQuoteString().strip();
  }

  private static Connection connect(TrainerProperties.JdbcSource source) throws SQLException {
    var properties = new Properties();
    if (source.user() != null) {
      properties.setProperty("user", source.user());
    }
    properties.setProperty("password", source.resolvedPassword());
    return DriverManager.getConnection(source.url(), properties);
  }

  /** Finds {@code name} ({@code table} or {@code schema.table}) among the database's tables. */
  private static Relation table(DatabaseMetaData metadata, String name, String quote)
      throws SQLException {
    String escape = metadata.getSearchStringEscape();
    var matches = new ArrayList<String[]>();
    findTables(metadata, null, name, escape, matches);
    int dot = name.indexOf('.');
    if (dot > 0) {
      findTables(metadata, name.substring(0, dot), name.substring(dot + 1), escape, matches);
    }
    if (matches.isEmpty()) {
      throw ApiException.badRequest("table '" + name + "' does not exist in the jdbc source")
          .with("field", "source.jdbc.table");
    }
    if (matches.size() > 1) {
      throw ApiException.badRequest(
              "table '" + name + "' exists in several schemas; name it as schema.table")
          .with("field", "source.jdbc.table");
    }
    String schema = matches.getFirst()[0];
    String table = matches.getFirst()[1];
    var columns = new ArrayList<String>();
    try (ResultSet result =
        metadata.getColumns(
            null, schema == null ? null : pattern(schema, escape), pattern(table, escape), "%")) {
      while (result.next()) {
        if (table.equals(result.getString("TABLE_NAME"))
            && Objects.equals(schema, result.getString("TABLE_SCHEM"))) {
          columns.add(result.getString("COLUMN_NAME"));
        }
      }
    }
    String from =
        (schema == null || schema.isEmpty() ? "" : quoted(schema, quote) + ".")
            + quoted(table, quote);
    return new Relation(from, List.copyOf(columns));
  }

  private static void findTables(
      DatabaseMetaData metadata, String schema, String table, String escape, List<String[]> out)
      throws SQLException {
    try (ResultSet tables =
        metadata.getTables(
            null,
            schema == null ? null : pattern(schema, escape),
            pattern(table, escape),
            new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW"})) {
      // Metadata arguments are LIKE patterns: keep only exact matches.
      while (tables.next()) {
        String foundSchema = tables.getString("TABLE_SCHEM");
        String foundTable = tables.getString("TABLE_NAME");
        if (table.equals(foundTable) && (schema == null || schema.equals(foundSchema))) {
          out.add(new String[] {foundSchema, foundTable});
        }
      }
    }
  }

  /** A metadata pattern that matches {@code name} literally. */
  private static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static Relation query(
      Connection connection, TrainerProperties.JdbcSource source, String name) throws SQLException {
    String sql = source.queries().get(name);
    if (sql == null) {
      throw ApiException.badRequest(
              "unknown query '"
                  + name
                  + "'; configured queries: "
                  + new TreeSet<>(source.queries().keySet()))
          .with("field", "source.jdbc.query");
    }
    String from = "(" + sql + ") AS scopeml_query";
    var columns = new ArrayList<String>();
    try (var probe = connection.prepareStatement("SELECT * FROM " + from + " WHERE 1 = 0");
        ResultSet result = probe.executeQuery()) {
      var metadata = result.getMetaData();
      for (int c = 1; c <= metadata.getColumnCount(); c++) {
        columns.add(metadata.getColumnLabel(c));
      }
    }
    return new Relation(from, List.copyOf(columns));
  }

  /** {@code identifier} quoted with {@code quote}, inner quotes doubled. */
  public static String quoted(String identifier, String quote) {
    if (quote.isEmpty()) {
      return identifier;
    }
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  /**
   * A table or query to select from.
   *
   * @param from the FROM clause: a quoted table name or a parenthesized query with an alias
   * @param columns its columns in order
   */
  public record Relation(String from, List<String> columns) {}
}
