package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.testing.PostgresTest;
import java.io.IOException;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: real nginx, real scorer processes on 127.0.0.1, a real PostgreSQL, a steady load from
 * inside the test. Every tier operation must leave the load with zero failed requests.
 */
class ScorerTierTest extends PostgresTest {

  private static final Path SCORER_JAR = Path.of("../scorer/target/scopeml-scorer.jar");

  private TierController controller;
  private LocalTierDriver driver;
  private TierStateFile stateFile;
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
    body = TelcoModels.storeAndPromote(dataSource());
    Path tier = Files.createTempDirectory("scopeml-tier");
    driver =
        new LocalTierDriver(
            new NginxProcess(nginx, tier.resolve("nginx"), 2, "8m"),
            tier.resolve("logs"),
            LocalTierDriver.currentJava());
    stateFile = new TierStateFile(tier.resolve("tier.json"));
    controller =
        new TierController(
            driver,
            stateFile,
            new TierTimeouts(
                Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(40)),
            steps::add);
    port = freePort();
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
      List<LoadGenerator.Outcome> steady = load.outcomes();
      RolloutResult result = controller.rollout(release("B"));
      long swapped = System.nanoTime();
      pause(Duration.ofSeconds(2));
      load.close();
      assertThat(result.succeeded()).as("rollout: %s", result.failure()).isTrue();
      assertThat(result.replaced()).isEqualTo(2);
      assertNoFailures(load);
      List<LoadGenerator.Outcome> after = load.outcomesSince(swapped);
      assertThat(after).isNotEmpty();
      assertThat(after).extracting(LoadGenerator.Outcome::scorerVersion).containsOnly("B");
      List<LoadGenerator.Outcome> during =
          load.outcomes().stream()
              .filter(
                  o -> o.startNanos() >= steady.getLast().startNanos() && o.startNanos() < swapped)
              .toList();
      System.out.printf(
          "rolling swap: %d requests, %d failed, %d resent, swap %.1f s, p99 %.1f ms during vs %.1f ms steady%n",
          load.outcomes().size(),
          failures(load).size(),
          load.resent(),
          result.duration().toMillis() / 1000.0,
          LoadGenerator.percentileMillis(during, 99),
          LoadGenerator.percentileMillis(steady, 99));
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
      load.close();
      assertNoFailures(load);
      System.out.printf(
          "scale 2->4->1: %d requests, %d failed, %d resent%n",
          load.outcomes().size(), failures(load).size(), load.resent());
    }
  }

  @Test
  void rolloutToAScorerThatNeverGetsReadyKeepsTheOldOnesServing() throws IOException {
    Set<String> before =
        controller.status().backends().stream().map(Backend::id).collect(Collectors.toSet());
    // A scorer pointed at a database that does not answer can never load its models.
    int nobody;
    try (var socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    var broken =
        new ScorerRelease(
            "broken",
            SCORER_JAR.toString(),
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
      load.close();
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failure()).contains("not ready within").contains("scorer-");
      assertThat(result.replaced()).isZero();
      assertNoFailures(load);
      assertThat(load.outcomes())
          .extracting(LoadGenerator.Outcome::scorerVersion)
          .containsOnly("A");
      System.out.printf(
          "never-ready rollout: %d requests, %d failed, %d resent, reported: %s%n",
          load.outcomes().size(), failures(load).size(), load.resent(), result.failure());
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
      load.close();
      assertNoFailures(load);
      System.out.printf(
          "SIGKILL 1 of 3: %d requests, %d failed, %d resent%n",
          load.outcomes().size(), failures(load).size(), load.resent());
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
      load.close();
      assertNoFailures(load);
      System.out.printf(
          "20 reloads: %d requests, %d failed, %d resent%n",
          load.outcomes().size(), failures(load).size(), load.resent());
    }
  }

  private LoadGenerator load() {
    return new LoadGenerator(
        URI.create("http://127.0.0.1:" + port + "/v1/models/" + TelcoModels.MODEL + "/predict"),
        body,
        4,
        Duration.ofMillis(5),
        Duration.ofSeconds(120));
  }

  private ScorerRelease release(String version) {
    return new ScorerRelease(
        version,
        SCORER_JAR.toString(),
        Map.of(
            "SCOPEML_DB_URL", settings().url(),
            "SCOPEML_DB_USER", settings().user(),
            "SCOPEML_DB_PASSWORD", settings().password()),
        List.of());
  }

  private static void assertNoFailures(LoadGenerator load) {
    assertThat(load.outcomes()).as("requests sent").hasSizeGreaterThan(50);
    assertThat(failures(load)).as("failed requests").isEmpty();
  }

  private static List<LoadGenerator.Outcome> failures(LoadGenerator load) {
    return load.outcomes().stream().filter(LoadGenerator.Outcome::failed).toList();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
