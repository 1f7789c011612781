package dev.scopeml.modelstore.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.StoredModels;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeListenerTest extends PostgresTest {

  private static final ScopeKey SCOPE = ScopeKey.of("contract", "Month-to-month");

  private JdbcModelStore store;
  private final BlockingQueue<ModelChange> heard = new LinkedBlockingQueue<>();
  private final AtomicInteger reconciles = new AtomicInteger();
  private ChangeListener listener;

  @BeforeAll
  void createStore() throws Exception {
    store = new JdbcModelStore(dataSource());
    store.registerFamily(StoredModels.family("feed"));
    for (int i = 0; i < 4; i++) {
      store.saveVersion(StoredModels.version("feed", SCOPE, null, 0.8));
    }
    // A deferred trigger that fails at commit lets a test roll back a promotion after its NOTIFY
    // ran.
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          """
          CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'refused at commit'; END; $$
          """);
      statement.execute(
          """
          CREATE CONSTRAINT TRIGGER fail_marked_promotions AFTER INSERT ON promotion_events
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.reason = 'fail-at-commit')
          EXECUTE FUNCTION fail_at_commit()
          """);
    }
  }

  @BeforeEach
  void listen() throws Exception {
    heard.clear();
    reconciles.set(0);
    listener =
        new ChangeListener(
                () -> Database.dedicatedConnection(settings()),
                heard::add,
                reconciles::incrementAndGet,
                Duration.ofMillis(200),
                Duration.ofSeconds(1))
            .start();
    awaitConnects(1);
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  @Test
  void hearsPromotionsOnlyAfterTheyCommit() throws Exception {
    store.promote("feed", SCOPE, 1, "t", "first");
    ModelChange change = heard.poll(5, TimeUnit.SECONDS);
    assertThat(change).isNotNull();
    assertThat(change.version()).isEqualTo(1);
    assertThat(change.scope()).isEqualTo(SCOPE);
    assertThat(store.activeVersion("feed", SCOPE).map(ModelVersion::version))
        .as("the change is visible to another connection when heard")
        .contains(1);
    assertThat(reconciles.get()).isEqualTo(1);
  }

  @Test
  void hearsNothingFromARolledBackPromotion() throws Exception {
    int before = store.activeVersion("feed", SCOPE).map(ModelVersion::version).orElse(0);
    int target = before == 2 ? 3 : 2;
    assertThatThrownBy(() -> store.promote("feed", SCOPE, target, "t", "fail-at-commit"))
        .hasMessageContaining("refused at commit");
    assertThat(heard.poll(1, TimeUnit.SECONDS)).as("notification of a rolled-back change").isNull();
    assertThat(store.activeVersion("feed", SCOPE).map(ModelVersion::version).orElse(0))
        .isEqualTo(before);
  }

  @Test
  void reconnectsAndReconcilesAfterItsBackendIsTerminated() throws Exception {
    int oldPid = listener.backendPid();
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(" + oldPid + ")");
    }
    awaitConnects(2);
    assertThat(reconciles.get()).as("reconcile runs after the reconnect").isEqualTo(2);
    assertThat(listener.backendPid()).isNotEqualTo(oldPid);
    int current = store.activeVersion("feed", SCOPE).map(ModelVersion::version).orElse(0);
    int next = current == 4 ? 3 : 4;
    store.promote("feed", SCOPE, next, "t", "after reconnect");
    ModelChange change = heard.poll(5, TimeUnit.SECONDS);
    assertThat(change).isNotNull();
    assertThat(change.version()).isEqualTo(next);
  }

  private void awaitConnects(long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (listener.connectCount() < count || !listener.isConnected()) {
      assertThat(System.nanoTime()).as("listener connected %d times", count).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
