package dev.scopeml.reliability;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A digest of every row of every ScopeML table: equal before and after means nothing was stored,
 * changed or deleted, whatever the table.
 */
public final class RegistryFingerprint {

  private static final List<String> TABLES =
      List.of(
          "model_families",
          "model_scopes",
          "model_versions",
          "activations",
          "promotion_events",
          "training_runs",
          "training_tasks");

  private RegistryFingerprint() {}

  /** Row count and digest of each table. */
  public static Map<String, String> of(DataSource owner) {
    var digests = new LinkedHashMap<String, String>();
    try (var connection = owner.getConnection()) {
      for (String table : TABLES) {
        try (var query =
                connection.prepareStatement(
                    "SELECT count(*) || ' rows, md5 '"
                        + " || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')"
                        + " FROM "
                        + table
                        + " t");
            var row = query.executeQuery()) {
          row.next();
          digests.put(table, row.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot fingerprint the registry", e);
    }
    return digests;
  }
}
