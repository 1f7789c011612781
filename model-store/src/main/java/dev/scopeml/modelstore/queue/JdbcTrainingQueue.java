package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.database.Rows;
import dev.scopeml.modelstore.database.Transactions;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link TrainingQueue} in PostgreSQL (tables {@code training_runs} and {@code training_tasks}).
 */
public final class JdbcTrainingQueue implements TrainingQueue {

  private static final String TASK_COLUMNS =
      "id, run_id, scope, status, attempts, max_attempts, lease_owner, lease_until, started_at,"
          + " finished_at, result::text AS result, error";

  private final Transactions transactions;
  private final LeasedTasks leases = new LeasedTasks("training_tasks");

  public JdbcTrainingQueue(DataSource dataSource) {
    this.transactions = new Transactions(dataSource);
  }

  @Override
  public RunRecord enqueue(NewRun run) {
    return transactions.inTransaction(
        connection -> {
          try (var insert =
              connection.prepareStatement(
                  "INSERT INTO training_runs (id, model, spec, engine) VALUES (?, ?, ?::jsonb, ?)")) {
            insert.setObject(1, run.id());
            insert.setString(2, run.model());
            insert.setString(3, run.spec());
            insert.setString(4, run.engine().apiName());
            insert.executeUpdate();
          }
          try (var tasks =
              connection.prepareStatement(
                  "INSERT INTO training_tasks (run_id, scope, max_attempts) VALUES (?, ?, ?)")) {
            for (ScopeKey scope : run.scopes()) {
              tasks.setObject(1, run.id());
              tasks.setString(2, scope.toString());
              tasks.setInt(3, run.maxAttempts());
              tasks.addBatch();
            }
            tasks.executeBatch();
          }
          return run(connection, run.id()).orElseThrow();
        });
  }

  @Override
  public Optional<ClaimedTask> claim(String worker, Duration lease) {
    return transactions.withConnection(
        connection -> {
          leases.failExhaustedLeases(connection);
          UUID token = UUID.randomUUID();
          try (var claim =
              connection.prepareStatement(
                  """
                  WITH next AS (
                    SELECT t.id FROM training_tasks t JOIN training_runs r ON r.id = t.run_id
                    WHERE (t.status = 'pending' OR (t.status = 'running' AND t.lease_until < now()))
                      AND t.attempts < t.max_attempts AND NOT r.cancel_requested
                      AND r.engine = 'trainer'
                    ORDER BY t.id
                    LIMIT 1
                    FOR UPDATE OF t SKIP LOCKED)
                  UPDATE training_tasks t
                  SET status = 'running', attempts = t.attempts + 1, lease_owner = ?,
                      lease_token = ?, lease_until = now() + make_interval(secs => ?),
                      heartbeat_at = now(), started_at = coalesce(t.started_at, now())
                  FROM next, training_runs r
                  WHERE t.id = next.id AND r.id = t.run_id
                  RETURNING t.id, t.run_id, r.model, r.spec::text AS spec, t.scope, t.attempts
                  """)) {
            claim.setString(1, worker);
            claim.setObject(2, token);
            claim.setDouble(3, LeasedTasks.seconds(lease));
            return Rows.one(
                claim,
                row ->
                    new ClaimedTask(
                        row.getLong("id"),
                        row.getObject("run_id", UUID.class),
                        row.getString("model"),
                        row.getString("spec"),
                        ScopeKey.parse(row.getString("scope")),
                        row.getInt("attempts"),
                        worker,
                        token));
          }
        });
  }

  @Override
  public boolean heartbeat(ClaimedTask task, Duration lease) {
    return transactions.withConnection(
        connection -> leases.heartbeat(connection, task.id(), task.leaseToken(), lease));
  }

  @Override
  public boolean complete(ClaimedTask task, TaskStatus status, String resultJson) {
    return transactions.inTransaction(
        connection -> {
          if (!leases.end(connection, task.id(), task.leaseToken(), status, resultJson)) {
            return false;
          }
          markFinishedIfDone(connection, task.runId());
          return true;
        });
  }

  @Override
  public Optional<TaskStatus> fail(ClaimedTask task, String error) {
    return transactions.inTransaction(
        connection -> {
          Optional<TaskStatus> status =
              leases.fail(connection, task.id(), task.leaseToken(), error);
          markFinishedIfDone(connection, task.runId());
          return status;
        });
  }

  @Override
  public boolean startEngineTask(UUID run, ScopeKey scope, String worker) {
    return transactions.withConnection(
        connection -> {
          try (var start =
              connection.prepareStatement(
                  "UPDATE training_tasks SET status = 'running', attempts = attempts + 1,"
                      + " lease_owner = ?, lease_until = NULL, heartbeat_at = now(),"
                      + " started_at = coalesce(started_at, now()) WHERE run_id = ? AND scope = ?"
                      + " AND status IN ('pending', 'running')")) {
            start.setString(1, worker);
            start.setObject(2, run);
            start.setString(3, scope.toString());
            return start.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean endEngineTask(
      UUID run, ScopeKey scope, TaskStatus status, String resultJson, String error) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a task ends as succeeded, skipped, failed or cancelled");
    }
    return transactions.inTransaction(
        connection -> {
          try (var end =
              connection.prepareStatement(
                  "UPDATE training_tasks SET status = ?, result = ?::jsonb, error = ?,"
                      + " finished_at = now(), lease_until = NULL WHERE run_id = ? AND scope = ?"
                      + " AND status IN ('pending', 'running')")) {
            end.setString(1, status.dbValue());
            end.setString(2, resultJson);
            end.setString(3, error);
            end.setObject(4, run);
            end.setString(5, scope.toString());
            if (end.executeUpdate() != 1) {
              return false;
            }
          }
          markFinishedIfDone(connection, run);
          return true;
        });
  }

  @Override
  public int failUnfinished(UUID run, String error) {
    return transactions.inTransaction(
        connection -> {
          int failed = leases.failUnended(connection, "run_id = ?", run, error);
          markFinishedIfDone(connection, run);
          return failed;
        });
  }

  @Override
  public boolean cancel(UUID run) {
    return transactions.inTransaction(
        connection -> {
          try (var exists =
              connection.prepareStatement("SELECT 1 FROM training_runs WHERE id = ?")) {
            exists.setObject(1, run);
            if (Rows.one(exists, row -> true).isEmpty()) {
              return false;
            }
          }
          // Tasks before the run row, the order complete() and fail() lock them in.
          // Pending tasks and tasks whose worker is gone end now; live workers finish their
          // attempt.
          try (var stop =
              connection.prepareStatement(
                  "UPDATE training_tasks SET status = 'cancelled', finished_at = now(),"
                      + " lease_until = NULL WHERE run_id = ? AND (status = 'pending'"
                      + " OR (status = 'running' AND lease_until < now()))")) {
            stop.setObject(1, run);
            stop.executeUpdate();
          }
          try (var flag =
              connection.prepareStatement(
                  "UPDATE training_runs SET cancel_requested = true WHERE id = ?")) {
            flag.setObject(1, run);
            flag.executeUpdate();
          }
          markFinishedIfDone(connection, run);
          return true;
        });
  }

  @Override
  public boolean cancelRequested(UUID run) {
    return transactions
        .one(
            "SELECT cancel_requested FROM training_runs WHERE id = ?",
            row -> row.getBoolean(1),
            run)
        .orElse(false);
  }

  @Override
  public Optional<RunRecord> run(UUID id) {
    return transactions.withConnection(connection -> run(connection, id));
  }

  @Override
  public List<RunRecord> runs(int limit) {
    return transactions.withConnection(
        connection -> {
          List<UUID> ids;
          try (var query =
              connection.prepareStatement(
                  "SELECT id FROM training_runs ORDER BY created_at DESC, id LIMIT ?")) {
            query.setInt(1, limit);
            ids = Rows.all(query, row -> row.getObject(1, UUID.class));
          }
          var out = new java.util.ArrayList<RunRecord>(ids.size());
          for (UUID id : ids) {
            run(connection, id).ifPresent(out::add);
          }
          return out;
        });
  }

  @Override
  public List<TaskRecord> tasks(UUID run) {
    return transactions.list(
        "SELECT " + TASK_COLUMNS + " FROM training_tasks WHERE run_id = ? ORDER BY id",
        JdbcTrainingQueue::readTask,
        run);
  }

  private static Optional<RunRecord> run(Connection connection, UUID id) throws SQLException {
    Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    try (var query =
        connection.prepareStatement(
            "SELECT status, count(*) FROM training_tasks WHERE run_id = ? GROUP BY status")) {
      query.setObject(1, id);
      for (var entry : Rows.all(query, row -> Map.entry(row.getString(1), row.getInt(2)))) {
        counts.put(TaskStatus.fromDb(entry.getKey()), entry.getValue());
      }
    }
    try (var query =
        connection.prepareStatement(
            "SELECT id, model, spec::text AS spec, cancel_requested, created_at, finished_at,"
                + " engine FROM training_runs WHERE id = ?")) {
      query.setObject(1, id);
      return Rows.one(
          query,
          row -> {
            boolean cancelRequested = row.getBoolean("cancel_requested");
            return new RunRecord(
                id,
                row.getString("model"),
                row.getString("spec"),
                cancelRequested,
                Rows.instant(row, "created_at"),
                Rows.instant(row, "finished_at"),
                new LinkedHashMap<>(counts),
                RunStatus.derive(counts, cancelRequested),
                Engine.fromDb(row.getString("engine")));
          });
    }
  }

  private static void markFinishedIfDone(Connection connection, UUID run) throws SQLException {
    // Lock the run first, in its own statement: two workers ending the last two tasks at once
    // would otherwise each see the other's task still running and neither would mark the run.
    // The update below then takes a fresh snapshot that includes the other's commit.
    try (var lock =
        connection.prepareStatement("SELECT 1 FROM training_runs WHERE id = ? FOR UPDATE")) {
      lock.setObject(1, run);
      lock.executeQuery().close();
    }
    try (var finish =
        connection.prepareStatement(
            "UPDATE training_runs SET finished_at = now() WHERE id = ? AND finished_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM training_tasks WHERE run_id = ?"
                + " AND status IN ('pending', 'running'))")) {
      finish.setObject(1, run);
      finish.setObject(2, run);
      finish.executeUpdate();
    }
  }

  private static TaskRecord readTask(ResultSet row) throws SQLException {
    return new TaskRecord(
        row.getLong("id"),
        row.getObject("run_id", UUID.class),
        ScopeKey.parse(row.getString("scope")),
        TaskStatus.fromDb(row.getString("status")),
        row.getInt("attempts"),
        row.getInt("max_attempts"),
        row.getString("lease_owner"),
        Rows.instant(row, "lease_until"),
        Rows.instant(row, "started_at"),
        Rows.instant(row, "finished_at"),
        row.getString("result"),
        row.getString("error"));
  }
}
