package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Sample;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.processes.AotCache;
import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.testsupport.load.TierLoad;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.PostgresTest;
import dev.scopeml.testsupport.services.ServiceJars;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end: real nginx, real scorer processes on 127.0.0.1, a real PostgreSQL, a steady load from
 * inside the test that never resends a request: one without a complete response is a failed one, as
 * curl or wrk would count it. Every tier operation within the tier's capacity must leave the load
 * with zero failed requests, and nginx must keep its workers: nothing reloads it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScorerTierTest extends PostgresTest {

  private static final Path SCORER_JAR = ServiceJars.scorer();

  private TierController controller;
  private LocalTierDriver driver;
  private NginxProcess nginx;
  private JsonStateFile<TierState> stateFile;
  private int port;
  private String body;
  private final List<String> steps = new ArrayList<>();

  @BeforeAll
  void bringUpTier() throws IOException {
    Path binary =
        NginxProcess.findBinary()
            .orElseThrow(
                () -> new IllegalStateException("nginx is not installed: apt-get install nginx"));
    assertThat(SCORER_JAR).as("scorer jar, built before this module").isRegularFile();
    body = TelcoModel.servingOneYear(new JdbcModelStore(dataSource())).body(1);
    Path tier = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tier");
    nginx = new NginxProcess(binary, tier.resolve("nginx"), 2, "8m");
    driver = new LocalTierDriver(nginx, tier.resolve("logs"), steps::add);
    stateFile = TierState.file(tier.resolve("tier.json"));
    controller = controller(TierTimeouts.readyWithin(Duration.ofSeconds(90)));
    port = LoopbackPorts.free();
    controller.up(FrontDoor.http(port), release("A"), 2);
    AotCache fast = AotCache.of(SCORER_JAR);
    assertThat(fast.isReady())
        .as("the scorer jar's AOT cache, recorded at its first launch")
        .isTrue();
    assertThat(fast.folder().resolve("training.log"))
        .as("recorded by a run until ready and warm, which then exited")
        .content()
        .contains("scopeml.scorer.warm-up.then-exit");
  }

  @AfterAll
  void tearDownTier() {
    if (controller != null) {
      controller.down();
    }
  }

  @Test
  @Order(1)
  void rollingSwapLosesNothingReloadsNothingAndEndsOnTheNewVersion() {
    Set<Long> workers = nginx.workerPids();
    try (var load = load()) {
      pause(Duration.ofSeconds(2));
      LoadResult steady = load.soFar();
      RolloutResult result = controller.rollout(release("B"));
      long swapped = System.nanoTime();
      pause(Duration.ofSeconds(2));
      LoadResult outcomes = load.stop();
      assertThat(result.succeeded()).as("rollout: %s", result.failure()).isTrue();
      assertThat(result.replaced()).isEqualTo(2);
      assertNoFailures(outcomes);
      List<Sample> after = outcomes.since(swapped);
      assertThat(after).isNotEmpty();
      assertThat(after).extracting(ScorerTierTest::scorerVersion).containsOnly("B");
      System.out.printf(
          "rolling swap: %d requests, %d failed, swap %.1f s, p99 %.1f ms during vs %.1f ms steady%n",
          outcomes.samples().size(),
          outcomes.failures(),
          result.duration().toMillis() / 1000.0,
          outcomes.percentileMillis(99, steady.samples().getLast().scheduledNanos(), swapped),
          steady.percentileMillis(99));
    }
    assertThat(nginx.workerPids()).as("nginx's workers: no reload").isEqualTo(workers);
    assertThat(controller.status().backends()).extracting(Backend::version).containsOnly("B");
  }

  @Test
  @Order(2)
  void scalingUpToTheCapacityAndDownLosesNothingAndReloadsNothing() {
    Set<Long> workers = nginx.workerPids();
    int capacity = controller.status().slots().size();
    try (var load = load()) {
      controller.scale(capacity);
      assertThat(controller.status().backends()).hasSize(capacity);
      controller.scale(1);
      assertThat(controller.status().backends()).hasSize(1);
      pause(Duration.ofSeconds(1));
      LoadResult outcomes = load.stop();
      assertNoFailures(outcomes);
      System.out.printf(
          "scale 2->%d->1: %d requests, %d failed%n",
          capacity, outcomes.samples().size(), outcomes.failures());
    }
    assertThat(nginx.workerPids()).as("nginx's workers: no reload").isEqualTo(workers);
  }

  @Test
  @Order(3)
  void killingAScorerMidLoadLosesNothing() {
    controller.scale(3);
    try (var load = load()) {
      pause(Duration.ofSeconds(1));
      Backend victim = controller.status().backends().get(1);
      ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
      pause(Duration.ofSeconds(3));
      LoadResult outcomes = load.stop();
      assertNoFailures(outcomes);
      System.out.printf(
          "SIGKILL 1 of 3: %d requests, %d failed%n",
          outcomes.samples().size(), outcomes.failures());
    }
    assertThat(controller.scale(2).backends())
        .as("scaling drops the dead backend and starts a live one")
        .hasSize(2)
        .allMatch(b -> ProcessHandle.of(b.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  @Order(4)
  void rolloutToAScorerThatNeverGetsReadyKeepsTheOldOnesServing() {
    Set<String> before =
        controller.status().backends().stream().map(Backend::id).collect(Collectors.toSet());
    String serving = controller.status().release().version();
    // A scorer pointed at a database that does not answer can never load its models.
    int nobody = LoopbackPorts.free();
    var broken =
        new ScorerRelease(
            "broken",
            SCORER_JAR.toAbsolutePath().toString(),
            Map.of("SCOPEML_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/none"),
            List.of());
    var shortWait = controller(TierTimeouts.readyWithin(Duration.ofSeconds(15)));
    try (var load = load()) {
      RolloutResult result = shortWait.rollout(broken);
      pause(Duration.ofSeconds(1));
      LoadResult outcomes = load.stop();
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failure()).contains("not ready within").contains("scorer-");
      assertThat(result.replaced()).isZero();
      assertNoFailures(outcomes);
      assertThat(outcomes.samples())
          .extracting(ScorerTierTest::scorerVersion)
          .containsOnly(serving);
      System.out.printf(
          "never-ready rollout: %d requests, %d failed, reported: %s%n",
          outcomes.samples().size(), outcomes.failures(), result.failure());
    }
    assertThat(controller.status().backends())
        .extracting(Backend::id)
        .containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  @Order(5)
  void scalingBeyondTheCapacityAddsSlotsWithOneReload() {
    TierState before = controller.status();
    Set<Long> workers = nginx.workerPids();
    TierState after = controller.resize(before.slots().size() + 2);
    assertThat(after.slots()).hasSize(before.slots().size() + 2);
    assertThat(after.slots()).startsWith(before.slots().toArray(Slot[]::new));
    assertThat(nginx.workerPids())
        .as("new workers after the reload (the old ones may still be finishing)")
        .anyMatch(pid -> !workers.contains(pid));
    assertThat(steps).anyMatch(step -> step.contains("nginx reloaded"));
    assertThat(ScrapeTargets.beside(stateFile.path()))
        .as("Prometheus targets: the scorers' operator addresses")
        .content()
        .contains(after.backends().getFirst().operatorAddress());
  }

  @Test
  @Order(6)
  void upHonoursThePortAskedForAndRefusesAnotherWhileTheTierRuns() {
    int other = LoopbackPorts.free();
    assertThatThrownBy(() -> controller.up(FrontDoor.http(other), release("B"), 1))
        .isInstanceOf(TierException.class)
        .hasMessageContaining("runs on port " + port)
        .hasMessageContaining("not " + other);
    controller.down();
    TierState moved = controller.up(FrontDoor.http(other), release("B"), 1);
    port = other;
    assertThat(moved.listenPort()).isEqualTo(other);
    assertThat(HttpProbe.ok(URI.create("http://127.0.0.1:" + other + "/nginx/health")))
        .as("nginx on the port asked for")
        .isTrue();
  }

  private TierController controller(TierTimeouts timeouts) {
    return new TierController(driver, stateFile, timeouts, steps::add);
  }

  private HttpLoad.Running load() {
    return TierLoad.start(port, TelcoModel.PREDICT, body, 4, Duration.ofMillis(5));
  }

  private ScorerRelease release(String version) {
    return new ScorerRelease(
        version,
        SCORER_JAR.toAbsolutePath().toString(),
        Map.of(
            "SCOPEML_DB_URL", settings().url(),
            "SCOPEML_DB_USER", settings().user(),
            "SCOPEML_DB_PASSWORD", settings().password()),
        List.of());
  }

  private static void assertNoFailures(LoadResult load) {
    assertThat(load.samples()).as("requests sent").hasSizeGreaterThan(50);
    assertThat(load.failed()).as("failed requests").isEmpty();
  }

  private static String scorerVersion(Sample sample) {
    return sample.header("X-Scorer-Version");
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
