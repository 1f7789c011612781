package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Sample;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.testsupport.load.TierLoad;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.PostgresTest;
import dev.scopeml.testsupport.services.ServiceJars;
import java.io.IOException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: real nginx, real scorer processes on 127.0.0.1, a real PostgreSQL, a steady load from
 * inside the test. Every tier operation must leave the load with zero failed requests. The load
 * resends a request once when nginx closed its idle keep-alive connection just as it went out (a
 * worker retiring after a reload), as HTTP/1.1 allows for an idempotent request.
 */
class ScorerTierTest extends PostgresTest {

  private static final Path SCORER_JAR = ServiceJars.scorer();

  private TierController controller;
  private LocalTierDriver driver;
  private JsonStateFile<TierState> stateFile;
  private int port;
  private String body;
  private final List<String> steps = new ArrayList<>();

  @BeforeAll
  void bringUpTier() throws IOException {
    Path nginx =
        NginxProcess.findBinary()
            .orElseThrow(
                () -> new IllegalStateException("nginx is not installed: apt-get install nginx"));
    assertThat(SCORER_JAR).as("scorer jar, built before this module").isRegularFile();
    body = TelcoModel.servingOneYear(new JdbcModelStore(dataSource())).body(1);
    Path tier = Files.createTempDirectory("scopeml-tier");
    driver =
        new LocalTierDriver(
            new NginxProcess(nginx, tier.resolve("nginx"), 2, "8m"), tier.resolve("logs"));
    stateFile = TierState.file(tier.resolve("tier.json"));
    controller =
        new TierController(
            driver,
            stateFile,
            new TierTimeouts(
                Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(40)),
            steps::add);
    port = LoopbackPorts.free();
    controller.up(port, release("A"), 2);
  }

  @AfterAll
  void tearDownTier() {
    if (controller != null) {
      controller.down();
    }
  }

  @BeforeEach
  void twoScorersOfA() {
    if (!controller.status().release().version().equals("A")) {
      assertThat(controller.rollout(release("A")).succeeded()).isTrue();
    }
    controller.scale(2);
  }

  @Test
  void rollingSwapLosesNothingAndEndsOnTheNewVersion() {
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
          "rolling swap: %d requests, %d failed, %d resent, swap %.1f s, p99 %.1f ms during vs %.1f ms steady%n",
          outcomes.samples().size(),
          outcomes.failures(),
          outcomes.resent(),
          result.duration().toMillis() / 1000.0,
          outcomes.percentileMillis(99, steady.samples().getLast().scheduledNanos(), swapped),
          steady.percentileMillis(99));
    }
    assertThat(controller.status().backends()).extracting(Backend::version).containsOnly("B");
  }

  @Test
  void scalingUpAndDownLosesNothing() {
    try (var load = load()) {
      controller.scale(4);
      assertThat(controller.status().backends()).hasSize(4);
      controller.scale(1);
      assertThat(controller.status().backends()).hasSize(1);
      pause(Duration.ofSeconds(1));
      LoadResult outcomes = load.stop();
      assertNoFailures(outcomes);
      System.out.printf(
          "scale 2->4->1: %d requests, %d failed, %d resent%n",
          outcomes.samples().size(), outcomes.failures(), outcomes.resent());
    }
  }

  @Test
  void rolloutToAScorerThatNeverGetsReadyKeepsTheOldOnesServing() {
    Set<String> before =
        controller.status().backends().stream().map(Backend::id).collect(Collectors.toSet());
    // A scorer pointed at a database that does not answer can never load its models.
    int nobody = LoopbackPorts.free();
    var broken =
        new ScorerRelease(
            "broken",
            SCORER_JAR.toAbsolutePath().toString(),
            Map.of("SCOPEML_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/none"),
            List.of());
    var shortWait =
        new TierController(
            driver,
            stateFile,
            new TierTimeouts(
                Duration.ofSeconds(15), Duration.ofSeconds(35), Duration.ofSeconds(10)),
            steps::add);
    try (var load = load()) {
      RolloutResult result = shortWait.rollout(broken);
      pause(Duration.ofSeconds(1));
      LoadResult outcomes = load.stop();
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failure()).contains("not ready within").contains("scorer-");
      assertThat(result.replaced()).isZero();
      assertNoFailures(outcomes);
      assertThat(outcomes.samples()).extracting(ScorerTierTest::scorerVersion).containsOnly("A");
      System.out.printf(
          "never-ready rollout: %d requests, %d failed, %d resent, reported: %s%n",
          outcomes.samples().size(), outcomes.failures(), outcomes.resent(), result.failure());
    }
    assertThat(controller.status().backends())
        .extracting(Backend::id)
        .containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
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
          "SIGKILL 1 of 3: %d requests, %d failed, %d resent%n",
          outcomes.samples().size(), outcomes.failures(), outcomes.resent());
    }
    assertThat(controller.scale(2).backends())
        .as("scaling drops the dead backend and starts a live one")
        .hasSize(2)
        .allMatch(b -> ProcessHandle.of(b.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void manyReloadsUnderLoadLoseNothing() {
    try (var load = load()) {
      var backends = controller.status().backends();
      for (int i = 0; i < 20; i++) {
        driver.applyUpstream(backends);
      }
      pause(Duration.ofSeconds(1));
      LoadResult outcomes = load.stop();
      assertNoFailures(outcomes);
      System.out.printf(
          "20 reloads: %d requests, %d failed, %d resent%n",
          outcomes.samples().size(), outcomes.failures(), outcomes.resent());
    }
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
