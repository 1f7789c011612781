package dev.scopeml.modelstore.changes;

import dev.scopeml.modelstore.registry.ModelStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for committed model changes on a connection of its own and survives losing it.
 *
 * <p>PostgreSQL drops notifications sent while a listener is disconnected, so after every connect
 * (the first one included) the listener calls a reconcile hook, which should compare its caller's
 * state with the registry. It LISTENs before reconciling, so a change committed in between is heard
 * rather than missed. If the connection breaks (server restart, {@code pg_terminate_backend},
 * network loss) the listener reconnects with capped exponential backoff and jitter.
 */
public final class ChangeListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

  private final ConnectionSource connections;
  private final Consumer<ModelChange> onChange;
  private final Runnable reconcile;
  private final Duration idleCheck;
  private final ReconnectBackoff backoff;
  private final Thread thread;
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean running = true;
  private volatile Connection current;
  private volatile int backendPid = -1;

  /**
   * @param connections opens the dedicated connection (not from a pool)
   * @param onChange called on the listener thread for every change heard
   * @param reconcile called on the listener thread after every (re)connect
   * @param idleCheck how long to wait for notifications before checking the connection is alive
   * @param maxBackoff the longest pause between reconnect attempts; each pause is drawn from the
   *     upper half of its doubling ceiling, so many listeners do not retry in step
   */
  public ChangeListener(
      ConnectionSource connections,
      Consumer<ModelChange> onChange,
      Runnable reconcile,
      Duration idleCheck,
      Duration maxBackoff) {
    this.connections = Objects.requireNonNull(connections);
    this.onChange = Objects.requireNonNull(onChange);
    this.reconcile = Objects.requireNonNull(reconcile);
    this.idleCheck = idleCheck;
    this.backoff = new ReconnectBackoff(maxBackoff, new SplittableRandom());
    this.thread = Thread.ofPlatform().daemon().name("scopeml-change-listener").unstarted(this::run);
  }

  /** Starts listening in the background. */
  public ChangeListener start() {
    thread.start();
    return this;
  }

  /** Whether the listener is connected and has reconciled. */
  public boolean isConnected() {
    return backendPid > 0;
  }

  /** The server process id of the listening connection, or -1 while disconnected. */
  public int backendPid() {
    return backendPid;
  }

  /** How many times the listener has connected and reconciled, the first time included. */
  public long connectCount() {
    return connects.get();
  }

  private void run() {
    while (running) {
      try (Connection connection = connections.open()) {
        current = connection;
        try (var listen = connection.createStatement()) {
          listen.execute("LISTEN " + ModelStore.CHANGE_CHANNEL);
        }
        reconcile.run();
        backendPid = connection.unwrap(PGConnection.class).getBackendPID();
        connects.incrementAndGet();
        backoff.reset();
        log.info("listening for model changes (backend pid {})", backendPid);
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("change feed connection lost, reconnecting: {}", e.getMessage());
        }
      } finally {
        backendPid = -1;
        current = null;
      }
      if (running) {
        sleep(backoff.nextMillis());
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    int waitMillis = (int) Math.max(1, idleCheck.toMillis());
    while (running) {
      PGNotification[] notifications = pg.getNotifications(waitMillis);
      if (notifications == null || notifications.length == 0) {
        // A quiet connection may be a dead one: a half-open TCP connection raises nothing.
        if (!connection.isValid(5)) {
          throw new SQLException("listener connection is no longer valid");
        }
        continue;
      }
      for (PGNotification notification : notifications) {
        deliver(notification.getParameter());
      }
    }
  }

  private void deliver(String payload) {
    try {
      onChange.accept(ModelChange.fromPayload(payload));
    } catch (RuntimeException e) {
      // One bad payload or handler failure must not stop the feed; reconcile catches up later.
      log.error("could not handle model change {}", payload, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    Connection connection = current;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing is best effort; the thread exits on its own once running is false.
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Opens the listener's dedicated connection. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }
}
