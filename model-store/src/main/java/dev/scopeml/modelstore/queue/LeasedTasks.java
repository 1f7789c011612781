package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.database.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The lease protocol shared by the task tables of the queue ({@code training_tasks}, {@code
 * scoring_chunks}): every statement that changes a held task names it by id and lease token and
 * only touches it while it is running, so a worker whose lease expired and was taken over changes
 * nothing. Each queue keeps its own claim, since what makes a task claimable differs.
 */
final class LeasedTasks {

  private final String table;

  /**
   * @param table the task table; a constant of this package, never text from a request
   */
  LeasedTasks(String table) {
    this.table = table;
  }

  /** Extends a held task's lease; false if it is no longer held with this token. */
  boolean heartbeat(Connection connection, long id, UUID token, Duration lease)
      throws SQLException {
    try (var beat =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET lease_until = now() + make_interval(secs => ?), heartbeat_at = now()"
                + " WHERE id = ? AND lease_token = ? AND status = 'running'")) {
      beat.setDouble(1, seconds(lease));
      beat.setLong(2, id);
      beat.setObject(3, token);
      return beat.executeUpdate() == 1;
    }
  }

  /**
   * Ends a held task with a terminal, non-failed status and its result.
   *
   * @return false if the lease was lost: nothing changed
   */
  boolean end(Connection connection, long id, UUID token, TaskStatus status, String resultJson)
      throws SQLException {
    if (!status.isTerminal() || status == TaskStatus.FAILED) {
      throw new IllegalArgumentException("complete ends a task as succeeded, skipped or cancelled");
    }
    try (var end =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET status = ?, result = ?::jsonb, finished_at = now(), lease_until = NULL,"
                + " error = NULL WHERE id = ? AND lease_token = ? AND status = 'running'")) {
      end.setString(1, status.dbValue());
      end.setString(2, resultJson);
      end.setLong(3, id);
      end.setObject(4, token);
      return end.executeUpdate() == 1;
    }
  }

  /**
   * Records a failed attempt: the task goes back to pending while attempts remain, else fails.
   *
   * @return the new status, or empty if the lease was lost
   */
  Optional<TaskStatus> fail(Connection connection, long id, UUID token, String error)
      throws SQLException {
    try (var end =
        connection.prepareStatement(
            "UPDATE "
                + table
                + """
                 SET status = CASE WHEN attempts < max_attempts THEN 'pending' ELSE 'failed' END,
                    finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
                    lease_until = NULL, error = ?
                WHERE id = ? AND lease_token = ? AND status = 'running'
                RETURNING status
                """)) {
      end.setString(1, error);
      end.setLong(2, id);
      end.setObject(3, token);
      return Rows.one(end, row -> TaskStatus.fromDb(row.getString(1)));
    }
  }

  /** Running tasks whose lease expired with no attempts left fail for good. */
  void failExhaustedLeases(Connection connection) throws SQLException {
    try (var sweep =
        connection.prepareStatement(
            "UPDATE "
                + table
                + """
                 SET status = 'failed', finished_at = now(), lease_until = NULL,
                    error = coalesce(error || '; ', '') || 'lease expired on attempt ' || attempts
                        || ' of ' || max_attempts || ' (worker ' || coalesce(lease_owner, '?')
                        || ' stopped heartbeating)'
                WHERE status = 'running' AND lease_until < now() AND attempts >= max_attempts
                """)) {
      sweep.executeUpdate();
    }
  }

  /**
   * Fails, held or not, the tasks that have not ended and meet {@code condition} (with one
   * parameter, {@code owner}): what an engine that is gone left behind.
   *
   * @return how many were failed
   */
  int failUnended(Connection connection, String condition, Object owner, String error)
      throws SQLException {
    try (var fail =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET status = 'failed', error = ?, finished_at = now(), lease_until = NULL"
                + " WHERE "
                + condition
                + " AND status IN ('pending', 'running')")) {
      fail.setString(1, error);
      fail.setObject(2, owner);
      return fail.executeUpdate();
    }
  }

  /** A lease's length in seconds, as {@code make_interval} takes it. */
  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
