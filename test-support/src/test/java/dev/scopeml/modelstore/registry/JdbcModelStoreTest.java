package dev.scopeml.modelstore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.StoredModels;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcModelStoreTest extends PostgresTest {

  private static final ScopeKey ONE_YEAR = ScopeKey.of("contract", "One year");
  private static final ScopeKey TWO_YEAR = ScopeKey.of("contract", "Two year");

  private JdbcModelStore store;

  @BeforeAll
  void createStore() {
    store = new JdbcModelStore(dataSource());
    store.registerFamily(StoredModels.family("churn"));
  }

  @Test
  void registersAndUpdatesFamilies() {
    ModelFamily family = store.registerFamily(StoredModels.family("families"));
    assertThat(family.createdAt()).isNotNull();
    assertThat(family.schema()).isEqualTo(StoredModels.schema());
    assertThat(store.families()).extracting(ModelFamily::name).contains("families", "churn");
    assertThatThrownBy(() -> store.registerFamily(StoredModels.family("bad name; drop")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.INVALID));
  }

  @Test
  void refusesRescopingAFamilyWithVersions() {
    store.registerFamily(StoredModels.family("rescope"));
    store.saveVersion(StoredModels.version("rescope", ONE_YEAR, null, 0.8));
    var rescoped = ModelFamily.of("rescope", List.of("region"), StoredModels.schema());
    assertThatThrownBy(() -> store.registerFamily(rescoped))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.CONFLICT));
  }

  @Test
  void numbersVersionsPerScopeAndKeepsEverything() {
    store.registerFamily(StoredModels.family("numbers"));
    NewModelVersion first = StoredModels.version("numbers", ONE_YEAR, null, 0.8);
    ModelVersion saved = store.saveVersion(first);
    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.saveVersion(StoredModels.version("numbers", ONE_YEAR, null, 0.8)).version())
        .isEqualTo(2);
    assertThat(store.saveVersion(StoredModels.version("numbers", TWO_YEAR, null, 0.8)).version())
        .isEqualTo(1);

    ModelVersion stored = store.version("numbers", ONE_YEAR, 1).orElseThrow();
    assertThat(saved).as("what saving returns is what a read returns").isEqualTo(stored);
    assertThat(stored.metrics()).containsEntry("auc", 0.8);
    assertThat(stored.hyperparameters()).containsEntry("trees", 10);
    assertThat(stored.reference()).isEqualTo(first.reference());
    assertThat(stored.sha256()).isEqualTo(first.artifact().sha256());
    assertThat(stored.format()).isEqualTo("opaque");
    byte[] bytes = store.artifact("numbers", ONE_YEAR, 1).orElseThrow().bytes();
    assertThat(ArtifactEnvelope.open(bytes, stored.sha256()).payload())
        .isEqualTo(first.artifact().payload());
    assertThat(store.versions("numbers", ONE_YEAR))
        .extracting(ModelVersion::version)
        .containsExactly(2, 1);
    assertThat(store.scopes("numbers")).containsExactly(ONE_YEAR, TWO_YEAR);
  }

  @Test
  void savingIsIdempotentPerRun() {
    store.registerFamily(StoredModels.family("idempotent"));
    UUID run = UUID.randomUUID();
    ModelVersion first = store.saveVersion(StoredModels.version("idempotent", ONE_YEAR, run, 0.8));
    ModelVersion retried =
        store.saveVersion(StoredModels.version("idempotent", ONE_YEAR, run, 0.9));
    assertThat(retried.version()).isEqualTo(first.version());
    assertThat(retried.metrics()).containsEntry("auc", 0.8);
    assertThat(store.versions("idempotent", ONE_YEAR)).hasSize(1);
  }

  @Test
  void versionsAreImmutableInTheDatabase() throws SQLException {
    store.registerFamily(StoredModels.family("immutable"));
    store.saveVersion(StoredModels.version("immutable", ONE_YEAR, null, 0.8));
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("UPDATE model_versions SET algorithm = 'x'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM model_versions"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void refusesVersionsOfUnknownModels() {
    assertThatThrownBy(() -> store.saveVersion(StoredModels.version("ghost", ONE_YEAR, null, 0.5)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));
  }

  @Test
  void promotesAndRollsBack() {
    store.registerFamily(StoredModels.family("promote"));
    for (int i = 0; i < 3; i++) {
      store.saveVersion(StoredModels.version("promote", ONE_YEAR, null, 0.8));
    }
    assertThat(store.activeVersion("promote", ONE_YEAR)).isEmpty();
    PromotionEvent first = store.promote("promote", ONE_YEAR, 1, "alice", "initial");
    assertThat(first.fromVersion()).isNull();
    assertThat(store.promote("promote", ONE_YEAR, 1, "alice", "again").id())
        .as("promoting the active version again changes nothing")
        .isEqualTo(first.id());
    store.promote("promote", ONE_YEAR, 3, "bob", "better");
    assertThat(store.activeVersion("promote", ONE_YEAR).orElseThrow().version()).isEqualTo(3);
    assertThat(store.activeVersions("promote"))
        .containsExactly(new ActiveVersion("promote", ONE_YEAR, 3));

    PromotionEvent rollback = store.rollback("promote", ONE_YEAR, "carol", "regression");
    assertThat(rollback.kind()).isEqualTo(PromotionEvent.Kind.ROLLBACK);
    assertThat(rollback.fromVersion()).isEqualTo(3);
    assertThat(rollback.toVersion()).as("version 2 was never active").isEqualTo(1);
    assertThatThrownBy(() -> store.rollback("promote", ONE_YEAR, "carol", "again"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.CONFLICT));
    assertThat(store.events("promote", ONE_YEAR))
        .extracting(PromotionEvent::toVersion)
        .containsExactly(1, 3, 1);
    assertThatThrownBy(() -> store.promote("promote", ONE_YEAR, 9, "bob", "missing"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));
  }

  @Test
  void promoteIfDecidesAgainstTheActiveVersion() {
    store.registerFamily(StoredModels.family("ifbetter"));
    store.saveVersion(StoredModels.version("ifbetter", ONE_YEAR, null, 0.80));
    store.saveVersion(StoredModels.version("ifbetter", ONE_YEAR, null, 0.70));
    store.saveVersion(StoredModels.version("ifbetter", ONE_YEAR, null, 0.90));
    PromotionCondition better =
        (active, candidate) ->
            active == null || candidate.metrics().get("auc") > active.metrics().get("auc");
    assertThat(store.promoteIf("ifbetter", ONE_YEAR, 1, "policy", "", better)).isPresent();
    assertThat(store.promoteIf("ifbetter", ONE_YEAR, 2, "policy", "", better)).isEmpty();
    assertThat(store.promoteIf("ifbetter", ONE_YEAR, 3, "policy", "", better)).isPresent();
    assertThat(store.activeVersion("ifbetter", ONE_YEAR).orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void saveAndPromoteIfStoresAndPromotesInOneCommit() {
    store.registerFamily(StoredModels.family("together"));
    PromotionCondition better =
        (active, candidate) ->
            active == null || candidate.metrics().get("auc") > active.metrics().get("auc");

    ModelVersion first =
        store.saveAndPromoteIf(
            StoredModels.version("together", ONE_YEAR, UUID.randomUUID(), 0.80), "t", "", better);
    assertThat(first.active()).isTrue();
    ModelVersion worse =
        store.saveAndPromoteIf(
            StoredModels.version("together", ONE_YEAR, UUID.randomUUID(), 0.70), "t", "", better);
    assertThat(worse.version()).isEqualTo(2);
    assertThat(worse.active()).as("declined by the condition, stored all the same").isFalse();
    assertThat(store.activeVersion("together", ONE_YEAR).orElseThrow().version()).isEqualTo(1);

    UUID run = UUID.randomUUID();
    ModelVersion better3 =
        store.saveAndPromoteIf(
            StoredModels.version("together", ONE_YEAR, run, 0.90), "t", "", better);
    ModelVersion retried =
        store.saveAndPromoteIf(
            StoredModels.version("together", ONE_YEAR, run, 0.95), "t", "", better);
    assertThat(retried.version()).isEqualTo(better3.version()).isEqualTo(3);
    assertThat(retried.active()).as("a retry of the run finds its version active").isTrue();
    assertThat(store.versions("together", ONE_YEAR)).hasSize(3);
    assertThat(store.events("together", ONE_YEAR))
        .extracting(PromotionEvent::toVersion)
        .as("one promotion per promoted version, none from the retry")
        .containsExactly(1, 3);
  }

  @Test
  void saveAndPromoteIfOfAnUnknownModelStoresNothing() {
    assertThatThrownBy(
            () ->
                store.saveAndPromoteIf(
                    StoredModels.version("phantom", ONE_YEAR, null, 0.5),
                    "t",
                    "",
                    PromotionCondition.always()))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));
    assertThat(store.scopes("phantom")).isEmpty();
  }

  @Test
  void concurrentPromotionsLeaveOneActiveVersionAndAConsistentLog() throws Exception {
    store.registerFamily(StoredModels.family("race"));
    int threads = 8;
    for (int i = 0; i < threads; i++) {
      store.saveVersion(StoredModels.version("race", ONE_YEAR, null, 0.8));
    }
    var barrier = new CyclicBarrier(threads);
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  barrier.await();
                  for (int round = 0; round < 20; round++) {
                    int version = 1 + (thread + round) % threads;
                    store.promote("race", ONE_YEAR, version, "thread-" + thread, "race");
                  }
                  return null;
                }));
      }
      for (var future : futures) {
        future.get();
      }
    }
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT count(*) FROM activations WHERE model = 'race' AND active")) {
      rows.next();
      assertThat(rows.getInt(1)).as("active versions of the scope").isEqualTo(1);
    }
    List<PromotionEvent> events = store.events("race", ONE_YEAR);
    assertThat(events).isNotEmpty();
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).fromVersion())
          .as("event %d starts where event %d ended", i, i - 1)
          .isEqualTo(events.get(i - 1).toVersion());
      assertThat(events.get(i).toVersion()).isNotEqualTo(events.get(i).fromVersion());
    }
    assertThat(store.activeVersion("race", ONE_YEAR).orElseThrow().version())
        .isEqualTo(events.getLast().toVersion());
  }
}
