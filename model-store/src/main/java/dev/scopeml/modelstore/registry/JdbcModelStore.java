package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.changes.ModelChange;
import dev.scopeml.modelstore.database.Rows;
import dev.scopeml.modelstore.database.Transactions;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/**
 * {@link ModelStore} in PostgreSQL (schema in {@code db/migration/scopeml}). Promotions of one
 * scope are serialised by locking its {@code model_scopes} row; the partial unique index on {@code
 * activations} backs that up, so two active versions of a scope cannot be committed.
 */
public final class JdbcModelStore implements ModelStore {

  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() {};

  private static final String VERSION_COLUMNS =
      """
      v.model, v.scope, v.version, v.format, v.algorithm, v.hyperparameters::text,
      v.metrics::text, v.feature_schema::text, v.reference::text, v.provenance::text,
      v.artifact_sha256, v.artifact_bytes, v.created_at,
      coalesce(a.active, false) AS active
      """;
  private static final String VERSION_KEY = "WHERE v.model = ? AND v.scope = ? AND v.version = ?";
  private static final String EVENT_COLUMNS =
      "SELECT id, model, scope, kind, from_version, to_version, actor, reason, at"
          + " FROM promotion_events";
  private static final String VERSION_FROM =
      " FROM model_versions v LEFT JOIN activations a"
          + " ON a.model = v.model AND a.scope = v.scope AND a.version = v.version ";

  private final Transactions transactions;

  public JdbcModelStore(DataSource dataSource) {
    this.transactions = new Transactions(dataSource);
  }

  /** Whether {@code name} may name a model. */
  public static boolean isValidModelName(String name) {
    return name != null && MODEL_NAME.matcher(name).matches();
  }

  @Override
  public ModelFamily registerFamily(ModelFamily family) {
    if (!isValidModelName(family.name())) {
      throw RegistryException.invalid(
          "model name '" + family.name() + "' must match " + MODEL_NAME.pattern());
    }
    return transactions.inTransaction(
        connection -> {
          Optional<ModelFamily> existing = family(connection, family.name(), true);
          if (existing.isPresent()
              && !existing.get().scopeColumns().equals(family.scopeColumns())
              && hasVersions(connection, family.name())) {
            throw RegistryException.conflict(
                "model '"
                    + family.name()
                    + "' is scoped by "
                    + existing.get().scopeColumns()
                    + "; it cannot be re-scoped by "
                    + family.scopeColumns()
                    + " once it has versions");
          }
          try (var insert =
              connection.prepareStatement(
                  """
                  INSERT INTO model_families (name, label, classes, scope_columns, feature_schema)
                  VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                  ON CONFLICT (name) DO UPDATE SET label = excluded.label,
                    classes = excluded.classes, scope_columns = excluded.scope_columns,
                    feature_schema = excluded.feature_schema, updated_at = now()
                  """)) {
            insert.setString(1, family.name());
            insert.setString(2, family.label());
            insert.setString(3, RegistryJson.write(family.classes()));
            insert.setString(4, RegistryJson.write(family.scopeColumns()));
            insert.setString(5, RegistryJson.write(family.schema()));
            insert.executeUpdate();
          }
          return family(connection, family.name(), false).orElseThrow();
        });
  }

  @Override
  public Optional<ModelFamily> family(String name) {
    return transactions.withConnection(connection -> family(connection, name, false));
  }

  @Override
  public List<ModelFamily> families() {
    return transactions.list(
        "SELECT name, label, classes::text, scope_columns::text, feature_schema::text,"
            + " created_at, updated_at FROM model_families ORDER BY name",
        JdbcModelStore::readFamily);
  }

  @Override
  public ModelVersion saveVersion(NewModelVersion version) {
    return transactions.inTransaction(connection -> save(connection, version));
  }

  @Override
  public ModelVersion saveAndPromoteIf(
      NewModelVersion version, String actor, String reason, PromotionCondition condition) {
    return transactions.inTransaction(
        connection -> {
          ModelVersion saved = save(connection, version);
          // save holds the scope's lock, so the condition sees the version active at commit.
          boolean promoted =
              switchActive(connection, saved, PromotionEvent.Kind.PROMOTE, actor, reason, condition)
                  .isPresent();
          return promoted ? saved.withActive(true) : saved;
        });
  }

  /** Stores {@code version} inside the caller's transaction, leaving its scope locked. */
  private static ModelVersion save(Connection connection, NewModelVersion version)
      throws SQLException {
    if (!familyExists(connection, version.model())) {
      throw RegistryException.notFound("model '" + version.model() + "' is not registered");
    }
    String scope = version.scope().toString();
    try (var ensure =
        connection.prepareStatement(
            "INSERT INTO model_scopes (model, scope) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      ensure.setString(1, version.model());
      ensure.setString(2, scope);
      ensure.executeUpdate();
    }
    // Locking the scope row first makes the idempotency check and numbering race-free.
    int last = lockScope(connection, version.model(), scope);
    if (version.provenance().runId() != null) {
      Optional<ModelVersion> earlier = versionOfRun(connection, version);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    int number = last + 1;
    try (var bump =
        connection.prepareStatement(
            "UPDATE model_scopes SET last_version = ? WHERE model = ? AND scope = ?")) {
      bump.setInt(1, number);
      bump.setString(2, version.model());
      bump.setString(3, scope);
      bump.executeUpdate();
    }
    ArtifactEnvelope.Sealed artifact = version.artifact().seal();
    Instant createdAt;
    try (var insert =
        connection.prepareStatement(
            """
              INSERT INTO model_versions (model, scope, version, format, algorithm,
                hyperparameters, metrics, feature_schema, reference, provenance, run_id,
                artifact, artifact_sha256, artifact_bytes)
              VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
              RETURNING created_at
              """)) {
      insert.setString(1, version.model());
      insert.setString(2, scope);
      insert.setInt(3, number);
      insert.setString(4, version.artifact().format());
      insert.setString(5, version.algorithm());
      insert.setString(6, RegistryJson.write(version.hyperparameters()));
      insert.setString(7, RegistryJson.write(version.metrics()));
      insert.setString(8, RegistryJson.write(version.schema()));
      insert.setString(9, RegistryJson.write(version.reference()));
      insert.setString(10, RegistryJson.write(version.provenance()));
      insert.setObject(11, version.provenance().runId());
      insert.setBytes(12, artifact.bytes());
      insert.setString(13, artifact.sha256());
      insert.setInt(14, artifact.bytes().length);
      createdAt = Rows.one(insert, row -> instant(row.getTimestamp(1))).orElseThrow();
    }
    // What was just written, as a read would return it: no second round trip to parse it back.
    return new ModelVersion(
        version.model(),
        version.scope(),
        number,
        version.artifact().format(),
        version.algorithm(),
        version.hyperparameters(),
        version.metrics(),
        version.schema(),
        version.reference(),
        version.provenance(),
        artifact.sha256(),
        artifact.bytes().length,
        createdAt,
        false);
  }

  @Override
  public Optional<ModelVersion> version(String model, ScopeKey scope, int version) {
    return transactions.withConnection(connection -> version(connection, model, scope, version));
  }

  @Override
  public Optional<VersionArtifact> artifact(String model, ScopeKey scope, int version) {
    return transactions.one(
        "SELECT " + VERSION_COLUMNS + ", v.artifact" + VERSION_FROM + VERSION_KEY,
        row -> new VersionArtifact(readVersion(row), row.getBytes("artifact")),
        model,
        scope.toString(),
        version);
  }

  @Override
  public List<ModelVersion> versions(String model, ScopeKey scope) {
    return transactions.list(
        "SELECT "
            + VERSION_COLUMNS
            + VERSION_FROM
            + "WHERE v.model = ? AND v.scope = ?"
            + " ORDER BY v.version DESC",
        JdbcModelStore::readVersion,
        model,
        scope.toString());
  }

  @Override
  public List<ScopeKey> scopes(String model) {
    return transactions.list(
        "SELECT scope FROM model_scopes WHERE model = ? AND last_version > 0 ORDER BY scope",
        row -> ScopeKey.parse(row.getString(1)),
        model);
  }

  @Override
  public Optional<ModelVersion> activeVersion(String model, ScopeKey scope) {
    return transactions.withConnection(
        connection -> activeVersion(connection, model, scope.toString()));
  }

  @Override
  public List<ActiveVersion> activeVersions() {
    return transactions.list(
        "SELECT model, scope, version FROM activations WHERE active ORDER BY model, scope",
        JdbcModelStore::readActive);
  }

  @Override
  public List<ActiveVersion> activeVersions(String model) {
    return transactions.list(
        "SELECT model, scope, version FROM activations WHERE active AND model = ? ORDER BY scope",
        JdbcModelStore::readActive,
        model);
  }

  @Override
  public PromotionEvent promote(
      String model, ScopeKey scope, int version, String actor, String reason) {
    return transactions.inTransaction(
        connection -> {
          Optional<PromotionEvent> moved =
              movePointer(
                  connection,
                  model,
                  scope,
                  version,
                  PromotionEvent.Kind.PROMOTE,
                  actor,
                  reason,
                  PromotionCondition.always());
          return moved.isPresent() ? moved.get() : lastEventTo(connection, model, scope, version);
        });
  }

  @Override
  public Optional<PromotionEvent> promoteIf(
      String model,
      ScopeKey scope,
      int version,
      String actor,
      String reason,
      PromotionCondition condition) {
    return transactions.inTransaction(
        connection ->
            movePointer(
                connection,
                model,
                scope,
                version,
                PromotionEvent.Kind.PROMOTE,
                actor,
                reason,
                condition));
  }

  @Override
  public PromotionEvent rollback(String model, ScopeKey scope, String actor, String reason) {
    return transactions.inTransaction(
        connection -> {
          lockExistingScope(connection, model, scope);
          ModelVersion active =
              activeVersion(connection, model, scope.toString())
                  .orElseThrow(
                      () ->
                          RegistryException.notFound(
                              "model '"
                                  + model
                                  + "' has no active version for scope "
                                  + scope
                                  + " to roll back"));
          int target;
          try (var query =
              connection.prepareStatement(
                  "SELECT max(version) FROM activations"
                      + " WHERE model = ? AND scope = ? AND version < ?")) {
            query.setString(1, model);
            query.setString(2, scope.toString());
            query.setInt(3, active.version());
            target = Rows.one(query, row -> row.getInt(1)).orElse(0);
          }
          if (target == 0) {
            throw RegistryException.conflict(
                "scope "
                    + scope
                    + " of model '"
                    + model
                    + "' has no earlier active version than "
                    + active.version());
          }
          return movePointer(
                  connection,
                  model,
                  scope,
                  target,
                  PromotionEvent.Kind.ROLLBACK,
                  actor,
                  reason,
                  PromotionCondition.always())
              .orElseThrow();
        });
  }

  @Override
  public List<PromotionEvent> events(String model, ScopeKey scope) {
    return transactions.list(
        EVENT_COLUMNS + " WHERE model = ? AND scope = ? ORDER BY id",
        JdbcModelStore::readEvent,
        model,
        scope.toString());
  }

  /** Moves the active pointer inside the caller's transaction; empty if nothing changed. */
  private Optional<PromotionEvent> movePointer(
      Connection connection,
      String model,
      ScopeKey scope,
      int version,
      PromotionEvent.Kind kind,
      String actor,
      String reason,
      PromotionCondition condition)
      throws SQLException {
    lockExistingScope(connection, model, scope);
    ModelVersion candidate =
        version(connection, model, scope, version)
            .orElseThrow(
                () ->
                    RegistryException.notFound(
                        "model '" + model + "' has no version " + version + " for scope " + scope));
    return switchActive(connection, candidate, kind, actor, reason, condition);
  }

  /**
   * Makes {@code candidate} its scope's active version if {@code condition} agrees, inside the
   * caller's transaction, which must hold the scope's lock; empty if nothing changed.
   */
  private static Optional<PromotionEvent> switchActive(
      Connection connection,
      ModelVersion candidate,
      PromotionEvent.Kind kind,
      String actor,
      String reason,
      PromotionCondition condition)
      throws SQLException {
    String model = candidate.model();
    String scopeText = candidate.scope().toString();
    int version = candidate.version();
    ModelVersion active = activeVersion(connection, model, scopeText).orElse(null);
    if (active != null && active.version() == version) {
      return Optional.empty();
    }
    if (!condition.shouldPromote(active, candidate)) {
      return Optional.empty();
    }
    if (active != null) {
      try (var deactivate =
          connection.prepareStatement(
              "UPDATE activations SET active = false, deactivated_at = now()"
                  + " WHERE model = ? AND scope = ? AND active")) {
        deactivate.setString(1, model);
        deactivate.setString(2, scopeText);
        deactivate.executeUpdate();
      }
    }
    try (var activate =
        connection.prepareStatement(
            """
            INSERT INTO activations (model, scope, version, active) VALUES (?, ?, ?, true)
            ON CONFLICT (model, scope, version)
            DO UPDATE SET active = true, activated_at = now(), deactivated_at = NULL
            """)) {
      activate.setString(1, model);
      activate.setString(2, scopeText);
      activate.setInt(3, version);
      activate.executeUpdate();
    }
    PromotionEvent event;
    try (var append =
        connection.prepareStatement(
            """
            INSERT INTO promotion_events (model, scope, kind, from_version, to_version, actor, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            RETURNING id, model, scope, kind, from_version, to_version, actor, reason, at
            """)) {
      append.setString(1, model);
      append.setString(2, scopeText);
      append.setString(3, kind.name().toLowerCase(java.util.Locale.ROOT));
      append.setObject(4, active == null ? null : active.version());
      append.setInt(5, version);
      append.setString(6, actor == null ? "unknown" : actor);
      append.setString(7, reason == null ? "" : reason);
      event = Rows.one(append, JdbcModelStore::readEvent).orElseThrow();
    }
    // NOTIFY is transactional: listeners hear of the change only once it commits.
    try (var notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, CHANGE_CHANNEL);
      notify.setString(2, ModelChange.of(event).toPayload());
      notify.execute();
    }
    return Optional.of(event);
  }

  private PromotionEvent lastEventTo(
      Connection connection, String model, ScopeKey scope, int version) throws SQLException {
    try (var query =
        connection.prepareStatement(
            EVENT_COLUMNS
                + " WHERE model = ? AND scope = ? AND to_version = ?"
                + " ORDER BY id DESC LIMIT 1")) {
      query.setString(1, model);
      query.setString(2, scope.toString());
      query.setInt(3, version);
      return Rows.one(query, JdbcModelStore::readEvent).orElseThrow();
    }
  }

  private static int lockScope(Connection connection, String model, String scope)
      throws SQLException {
    try (var lock =
        connection.prepareStatement(
            "SELECT last_version FROM model_scopes WHERE model = ? AND scope = ? FOR UPDATE")) {
      lock.setString(1, model);
      lock.setString(2, scope);
      return Rows.one(lock, row -> row.getInt(1)).orElse(-1);
    }
  }

  private static void lockExistingScope(Connection connection, String model, ScopeKey scope)
      throws SQLException {
    if (lockScope(connection, model, scope.toString()) < 0) {
      throw RegistryException.notFound("model '" + model + "' has no versions for scope " + scope);
    }
  }

  private static boolean hasVersions(Connection connection, String model) throws SQLException {
    try (var query =
        connection.prepareStatement("SELECT 1 FROM model_versions WHERE model = ? LIMIT 1")) {
      query.setString(1, model);
      return Rows.one(query, row -> true).isPresent();
    }
  }

  private static boolean familyExists(Connection connection, String name) throws SQLException {
    try (var query = connection.prepareStatement("SELECT 1 FROM model_families WHERE name = ?")) {
      query.setString(1, name);
      return Rows.one(query, row -> true).isPresent();
    }
  }

  private static Optional<ModelFamily> family(Connection connection, String name, boolean lock)
      throws SQLException {
    try (var query =
        connection.prepareStatement(
            "SELECT name, label, classes::text, scope_columns::text, feature_schema::text,"
                + " created_at, updated_at FROM model_families WHERE name = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      query.setString(1, name);
      return Rows.one(query, JdbcModelStore::readFamily);
    }
  }

  private static Optional<ModelVersion> version(
      Connection connection, String model, ScopeKey scope, int version) throws SQLException {
    try (var query =
        connection.prepareStatement("SELECT " + VERSION_COLUMNS + VERSION_FROM + VERSION_KEY)) {
      query.setString(1, model);
      query.setString(2, scope.toString());
      query.setInt(3, version);
      return Rows.one(query, JdbcModelStore::readVersion);
    }
  }

  private static Optional<ModelVersion> versionOfRun(Connection connection, NewModelVersion version)
      throws SQLException {
    try (var query =
        connection.prepareStatement(
            "SELECT "
                + VERSION_COLUMNS
                + VERSION_FROM
                + "WHERE v.model = ? AND v.scope = ? AND v.run_id = ?")) {
      query.setString(1, version.model());
      query.setString(2, version.scope().toString());
      query.setObject(3, version.provenance().runId());
      return Rows.one(query, JdbcModelStore::readVersion);
    }
  }

  private static Optional<ModelVersion> activeVersion(
      Connection connection, String model, String scope) throws SQLException {
    try (var query =
        connection.prepareStatement(
            "SELECT "
                + VERSION_COLUMNS
                + VERSION_FROM
                + "WHERE v.model = ? AND v.scope = ? AND a.active")) {
      query.setString(1, model);
      query.setString(2, scope);
      return Rows.one(query, JdbcModelStore::readVersion);
    }
  }

  private static ModelFamily readFamily(ResultSet row) throws SQLException {
    return new ModelFamily(
        row.getString(1),
        row.getString(2),
        RegistryJson.read(row.getString(3), STRINGS),
        RegistryJson.read(row.getString(4), STRINGS),
        RegistryJson.read(row.getString(5), FeatureSchema.class),
        instant(row.getTimestamp(6)),
        instant(row.getTimestamp(7)));
  }

  private static ModelVersion readVersion(ResultSet row) throws SQLException {
    return new ModelVersion(
        row.getString(1),
        ScopeKey.parse(row.getString(2)),
        row.getInt(3),
        row.getString(4),
        row.getString(5),
        RegistryJson.read(row.getString(6), OBJECT_MAP),
        RegistryJson.read(row.getString(7), DOUBLE_MAP),
        RegistryJson.read(row.getString(8), FeatureSchema.class),
        RegistryJson.read(row.getString(9), ReferenceSample.class),
        RegistryJson.read(row.getString(10), Provenance.class),
        row.getString(11),
        row.getInt(12),
        instant(row.getTimestamp(13)),
        row.getBoolean(14));
  }

  private static ActiveVersion readActive(ResultSet row) throws SQLException {
    return new ActiveVersion(row.getString(1), ScopeKey.parse(row.getString(2)), row.getInt(3));
  }

  private static PromotionEvent readEvent(ResultSet row) throws SQLException {
    return new PromotionEvent(
        row.getLong(1),
        row.getString(2),
        ScopeKey.parse(row.getString(3)),
        PromotionEvent.Kind.valueOf(row.getString(4).toUpperCase(java.util.Locale.ROOT)),
        (Integer) row.getObject(5),
        row.getInt(6),
        row.getString(7),
        row.getString(8),
        instant(row.getTimestamp(9)));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
