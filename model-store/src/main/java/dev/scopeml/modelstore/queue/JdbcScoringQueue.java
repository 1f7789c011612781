package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.database.Rows;
import dev.scopeml.modelstore.database.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link ScoringQueue} in PostgreSQL (tables {@code scoring_jobs} and {@code scoring_chunks}). */
public final class JdbcScoringQueue implements ScoringQueue {

  /** A job whose rows chunks must not run any more: cancelled, failing, or with a failed chunk. */
  private static final String STOPPED =
      "(j.cancel_requested OR j.failure IS NOT NULL OR EXISTS (SELECT 1 FROM scoring_chunks f"
          + " WHERE f.job_id = j.id AND f.kind = 'rows' AND f.status = 'failed'))";

  private final Transactions transactions;
  private final LeasedTasks leases = new LeasedTasks("scoring_chunks");

  public JdbcScoringQueue(DataSource dataSource) {
    this.transactions = new Transactions(dataSource);
  }

  @Override
  public ScoringJobRecord enqueue(NewScoringJob job) {
    return transactions.inTransaction(
        connection -> {
          try (var insert =
              connection.prepareStatement(
                  "INSERT INTO scoring_jobs (id, model, spec, max_errors, engine)"
                      + " VALUES (?, ?, ?::jsonb, ?, ?)")) {
            insert.setObject(1, job.id());
            insert.setString(2, job.model());
            insert.setString(3, job.spec());
            insert.setLong(4, job.maxErrors());
            insert.setString(5, job.engine().apiName());
            insert.executeUpdate();
          }
          try (var chunks =
              connection.prepareStatement(
                  "INSERT INTO scoring_chunks (job_id, chunk, kind, slice, max_attempts)"
                      + " VALUES (?, ?, ?, ?::jsonb, ?)")) {
            int number = 0;
            for (String slice : job.slices()) {
              addChunk(chunks, job, number++, ChunkKind.ROWS, slice);
            }
            addChunk(chunks, job, number, ChunkKind.COMMIT, "{}");
            chunks.executeBatch();
          }
          return job(connection, job.id()).orElseThrow();
        });
  }

  private static void addChunk(
      java.sql.PreparedStatement insert,
      NewScoringJob job,
      int number,
      ChunkKind kind,
      String slice)
      throws SQLException {
    insert.setObject(1, job.id());
    insert.setInt(2, number);
    insert.setString(3, kind.dbValue());
    insert.setString(4, slice);
    insert.setInt(5, job.maxAttempts());
    insert.addBatch();
  }

  @Override
  public Optional<ClaimedChunk> claim(String worker, Duration lease) {
    // A Spark job's rows chunk is its application's; its commit chunk ends it like any other.
    return claim(worker, lease, "(j.engine = 'trainer' OR c.kind = 'commit')", null);
  }

  @Override
  public Optional<ClaimedChunk> claimRows(UUID job, String worker, Duration lease) {
    return claim(worker, lease, "c.job_id = ? AND c.kind = 'rows'", job);
  }

  /**
   * Claims the oldest claimable chunk that also meets {@code condition} (one parameter at most).
   */
  private Optional<ClaimedChunk> claim(
      String worker, Duration lease, String condition, Object parameter) {
    return transactions.withConnection(
        connection -> {
          leases.failExhaustedLeases(connection);
          cancelOrphans(connection);
          UUID token = UUID.randomUUID();
          try (var claim =
              connection.prepareStatement(
                  """
                  WITH next AS (
                    SELECT c.id FROM scoring_chunks c JOIN scoring_jobs j ON j.id = c.job_id
                    WHERE (c.status = 'pending' OR (c.status = 'running' AND c.lease_until < now()))
                      AND c.attempts < c.max_attempts AND j.outcome IS NULL
                      AND CASE WHEN c.kind = 'rows' THEN NOT %s
                          ELSE NOT EXISTS (SELECT 1 FROM scoring_chunks o WHERE o.job_id = c.job_id
                                           AND o.kind = 'rows' AND o.status IN ('pending', 'running'))
                          END
                      AND %s
                    ORDER BY c.id
                    LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED)
                  UPDATE scoring_chunks c
                  SET status = 'running', attempts = c.attempts + 1, lease_owner = ?,
                      lease_token = ?, lease_until = now() + make_interval(secs => ?),
                      heartbeat_at = now(), started_at = coalesce(c.started_at, now())
                  FROM next, scoring_jobs j
                  WHERE c.id = next.id AND j.id = c.job_id
                  RETURNING c.id, c.job_id, j.model, j.spec::text AS spec, c.chunk, c.kind,
                            c.slice::text AS slice, c.attempts
                  """
                      .formatted(STOPPED, condition))) {
            int at = 1;
            if (parameter != null) {
              claim.setObject(at++, parameter);
            }
            claim.setString(at++, worker);
            claim.setObject(at++, token);
            claim.setDouble(at, LeasedTasks.seconds(lease));
            return Rows.one(
                claim,
                row ->
                    new ClaimedChunk(
                        row.getLong("id"),
                        row.getObject("job_id", UUID.class),
                        row.getString("model"),
                        row.getString("spec"),
                        row.getInt("chunk"),
                        ChunkKind.fromDb(row.getString("kind")),
                        row.getString("slice"),
                        row.getInt("attempts"),
                        worker,
                        token));
          }
        });
  }

  /**
   * Rows chunks of stopped jobs that no live worker holds (pending, or running with an expired
   * lease) end as cancelled, so that the commit chunk becomes claimable.
   */
  private static void cancelOrphans(Connection connection) throws SQLException {
    try (var sweep =
        connection.prepareStatement(
            "UPDATE scoring_chunks c SET status = 'cancelled', finished_at = now(),"
                + " lease_until = NULL FROM scoring_jobs j WHERE j.id = c.job_id"
                + " AND c.kind = 'rows' AND j.outcome IS NULL AND (c.status = 'pending'"
                + " OR (c.status = 'running' AND c.lease_until < now())) AND "
                + STOPPED)) {
      sweep.executeUpdate();
    }
  }

  @Override
  public boolean failAbandonedRows(UUID job, String reason) {
    return transactions.inTransaction(
        connection -> {
          int failed = leases.failUnended(connection, "job_id = ? AND kind = 'rows'", job, reason);
          if (failed > 0) {
            setFailure(connection, job, reason);
          }
          return failed > 0;
        });
  }

  @Override
  public boolean heartbeat(ClaimedChunk chunk, Duration lease) {
    return transactions.withConnection(
        connection -> leases.heartbeat(connection, chunk.id(), chunk.leaseToken(), lease));
  }

  @Override
  public boolean complete(ClaimedChunk chunk, TaskStatus status, String resultJson) {
    if (chunk.kind() != ChunkKind.ROWS) {
      throw new IllegalArgumentException("the commit chunk ends with finish()");
    }
    return transactions.inTransaction(
        connection -> {
          if (!leases.end(connection, chunk.id(), chunk.leaseToken(), status, resultJson)) {
            return false;
          }
          failIfTooManyErrors(connection, chunk.jobId());
          return true;
        });
  }

  /** Fails the job once its succeeded chunks rejected more rows than it tolerates. */
  private static void failIfTooManyErrors(Connection connection, UUID job) throws SQLException {
    try (var check =
        connection.prepareStatement(
            """
            UPDATE scoring_jobs j
            SET failure = 'rejected ' || r.rejected || ' rows, more than maxErrors ('
                          || j.max_errors || ')'
            FROM (SELECT coalesce(sum((result ->> 'rejected')::bigint), 0) AS rejected
                  FROM scoring_chunks WHERE job_id = ? AND kind = 'rows' AND status = 'succeeded') r
            WHERE j.id = ? AND j.failure IS NULL AND r.rejected > j.max_errors
            """)) {
      check.setObject(1, job);
      check.setObject(2, job);
      if (check.executeUpdate() == 1) {
        cancelPending(connection, job);
      }
    }
  }

  private static void cancelPending(Connection connection, UUID job) throws SQLException {
    try (var stop =
        connection.prepareStatement(
            "UPDATE scoring_chunks SET status = 'cancelled', finished_at = now(),"
                + " lease_until = NULL WHERE job_id = ? AND kind = 'rows' AND (status = 'pending'"
                + " OR (status = 'running' AND lease_until < now()))")) {
      stop.setObject(1, job);
      stop.executeUpdate();
    }
  }

  @Override
  public boolean finish(ClaimedChunk commit, JobOutcome outcome, String resultJson) {
    if (commit.kind() != ChunkKind.COMMIT) {
      throw new IllegalArgumentException("only the commit chunk finishes a job");
    }
    return transactions.inTransaction(
        connection -> {
          // The commit chunk did its work whatever the job's outcome: marked or named the output.
          if (!leases.end(
              connection, commit.id(), commit.leaseToken(), TaskStatus.SUCCEEDED, resultJson)) {
            return false;
          }
          end(connection, commit.jobId(), outcome);
          return true;
        });
  }

  private static void end(Connection connection, UUID job, JobOutcome outcome) throws SQLException {
    try (var end =
        connection.prepareStatement(
            "UPDATE scoring_jobs SET outcome = ?, finished_at = now()"
                + " WHERE id = ? AND outcome IS NULL")) {
      end.setString(1, outcome.apiName());
      end.setObject(2, job);
      end.executeUpdate();
    }
  }

  @Override
  public Optional<TaskStatus> fail(ClaimedChunk chunk, String error) {
    return transactions.inTransaction(
        connection -> {
          Optional<TaskStatus> status =
              leases.fail(connection, chunk.id(), chunk.leaseToken(), error);
          if (status.orElse(null) == TaskStatus.FAILED) {
            if (chunk.kind() == ChunkKind.COMMIT) {
              setFailure(connection, chunk.jobId(), "committing the output failed: " + error);
              end(connection, chunk.jobId(), JobOutcome.FAILED);
            } else {
              setFailure(connection, chunk.jobId(), "chunk " + chunk.chunk() + " failed: " + error);
              cancelPending(connection, chunk.jobId());
            }
          }
          return status;
        });
  }

  private static void setFailure(Connection connection, UUID job, String failure)
      throws SQLException {
    try (var fail =
        connection.prepareStatement(
            "UPDATE scoring_jobs SET failure = ? WHERE id = ? AND failure IS NULL")) {
      fail.setString(1, failure);
      fail.setObject(2, job);
      fail.executeUpdate();
    }
  }

  @Override
  public boolean cancel(UUID job) {
    return transactions.inTransaction(
        connection -> {
          try (var exists =
              connection.prepareStatement("SELECT 1 FROM scoring_jobs WHERE id = ?")) {
            exists.setObject(1, job);
            if (Rows.one(exists, row -> true).isEmpty()) {
              return false;
            }
          }
          // Chunks before the job row, the order complete() and fail() lock them in.
          cancelPending(connection, job);
          try (var flag =
              connection.prepareStatement(
                  "UPDATE scoring_jobs SET cancel_requested = true"
                      + " WHERE id = ? AND outcome IS NULL")) {
            flag.setObject(1, job);
            flag.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Optional<String> stopReason(UUID job) {
    return transactions
        .one(
            "SELECT j.cancel_requested, j.failure, "
                + STOPPED
                + " AS stopped FROM scoring_jobs j WHERE j.id = ?",
            row -> {
              if (row.getBoolean("cancel_requested")) {
                return Optional.of("cancelled");
              }
              if (row.getString("failure") != null) {
                return Optional.of(row.getString("failure"));
              }
              return row.getBoolean("stopped")
                  ? Optional.of("another chunk of the job failed")
                  : Optional.<String>empty();
            },
            job)
        .orElse(Optional.of("the job does not exist"));
  }

  @Override
  public Optional<ScoringJobRecord> job(UUID id) {
    return transactions.withConnection(connection -> job(connection, id));
  }

  @Override
  public List<ScoringJobRecord> jobs(int limit) {
    return transactions.withConnection(
        connection -> {
          List<UUID> ids;
          try (var query =
              connection.prepareStatement(
                  "SELECT id FROM scoring_jobs ORDER BY created_at DESC, id LIMIT ?")) {
            query.setInt(1, limit);
            ids = Rows.all(query, row -> row.getObject(1, UUID.class));
          }
          var out = new ArrayList<ScoringJobRecord>(ids.size());
          for (UUID id : ids) {
            job(connection, id).ifPresent(out::add);
          }
          return out;
        });
  }

  @Override
  public List<ChunkRecord> chunks(UUID job) {
    return transactions.list(
        "SELECT id, job_id, chunk, kind, status, attempts, lease_owner, started_at, finished_at,"
            + " result::text AS result, error FROM scoring_chunks WHERE job_id = ? ORDER BY id",
        JdbcScoringQueue::readChunk,
        job);
  }

  private static Optional<ScoringJobRecord> job(Connection connection, UUID id)
      throws SQLException {
    Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    long[] totals = new long[3];
    var started = new java.sql.Timestamp[1];
    try (var query =
        connection.prepareStatement(
            """
            SELECT status, count(*), min(started_at),
                   coalesce(sum((result ->> 'rows')::bigint) FILTER (WHERE status = 'succeeded'), 0),
                   coalesce(sum((result ->> 'scored')::bigint) FILTER (WHERE status = 'succeeded'), 0),
                   coalesce(sum((result ->> 'rejected')::bigint) FILTER (WHERE status = 'succeeded'), 0)
            FROM scoring_chunks WHERE job_id = ? AND kind = 'rows' GROUP BY status
            """)) {
      query.setObject(1, id);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(TaskStatus.fromDb(rows.getString(1)), rows.getInt(2));
          var first = rows.getTimestamp(3);
          if (first != null && (started[0] == null || first.before(started[0]))) {
            started[0] = first;
          }
          for (int i = 0; i < 3; i++) {
            totals[i] += rows.getLong(4 + i);
          }
        }
      }
    }
    try (var query =
        connection.prepareStatement(
            "SELECT id, model, spec::text AS spec, max_errors, cancel_requested, failure, outcome,"
                + " created_at, finished_at, engine FROM scoring_jobs WHERE id = ?")) {
      query.setObject(1, id);
      return Rows.one(
          query,
          row ->
              new ScoringJobRecord(
                  id,
                  row.getString("model"),
                  row.getString("spec"),
                  row.getLong("max_errors"),
                  row.getBoolean("cancel_requested"),
                  row.getString("failure"),
                  JobOutcome.fromDb(row.getString("outcome")),
                  Rows.instant(row, "created_at"),
                  started[0] == null ? null : started[0].toInstant(),
                  Rows.instant(row, "finished_at"),
                  counts,
                  totals[0],
                  totals[1],
                  totals[2],
                  Engine.fromDb(row.getString("engine"))));
    }
  }

  private static ChunkRecord readChunk(ResultSet row) throws SQLException {
    return new ChunkRecord(
        row.getLong("id"),
        row.getObject("job_id", UUID.class),
        row.getInt("chunk"),
        ChunkKind.fromDb(row.getString("kind")),
        TaskStatus.fromDb(row.getString("status")),
        row.getInt("attempts"),
        row.getString("lease_owner"),
        Rows.instant(row, "started_at"),
        Rows.instant(row, "finished_at"),
        row.getString("result"),
        row.getString("error"));
  }
}
