package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.LoadGenerator;
import dev.scopeml.nginx.LocalTierDriver;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TelcoModels;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierStateFile;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.reliability.BuiltJars;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.ReliabilityTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three scorers behind real nginx, brought up by the tier controller, under a load of concurrent
 * predictions with hardly a pause between them, so requests are always in flight: an nginx reload
 * storm, a raw SIGTERM to a scorer nginx still sends traffic to (an operator's {@code kill}, a host
 * shutting down), a SIGKILL (a crash, an OOM kill), and the controller's own graceful stop. None
 * may fail a request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScorerFailureTest extends ReliabilityTest {

  private TierController controller;
  private LocalTierDriver driver;
  private int port;
  private String body;

  @BeforeAll
  void threeScorersBehindNginx() {
    Path nginx =
        NginxProcess.findBinary()
            .orElseThrow(() -> new IllegalStateException("nginx is not installed"));
    body = TelcoModels.storeAndPromote(dataSource());
    Path tier = workDirectory().resolve("tier");
    driver =
        new LocalTierDriver(
            new NginxProcess(nginx, tier.resolve("nginx"), 2, "4m"),
            logs(),
            LocalTierDriver.currentJava());
    controller =
        new TierController(
            driver,
            new TierStateFile(tier.resolve("tier.json")),
            new TierTimeouts(Duration.ofMinutes(2), Duration.ofSeconds(35), Duration.ofSeconds(40)),
            step -> System.out.println("tier: " + step));
    port = freePort();
    controller.up(port, release(), 3);
  }

  @AfterAll
  void tearDownTier() {
    if (controller != null) {
      controller.down();
    }
  }

  @Test
  @Order(1)
  void fiftyReloadsUnderLoadFailNothing() {
    List<Backend> backends = controller.status().backends();
    assertThat(backends).hasSize(3);
    try (var load = load()) {
      Eventually.pause(Duration.ofMillis(500));
      for (int i = 0; i < 50; i++) {
        driver.applyUpstream(backends);
      }
      Eventually.pause(Duration.ofMillis(500));
      load.close();
      report("nginx reload storm: 50 reloads under load, 3 scorers", load, "");
    }
  }

  @Test
  @Order(2)
  void aRawSigtermToAScorerStillInTheUpstreamFailsNothing() {
    Backend victim = controller.status().backends().get(1);
    ProcessHandle process = ProcessHandle.of(victim.pid()).orElseThrow();
    long exitMillis;
    try (var load = load()) {
      Eventually.pause(Duration.ofSeconds(1));
      long signalled = System.nanoTime();
      process.destroy();
      assertThat(process.onExit().orTimeout(60, TimeUnit.SECONDS).join().isAlive()).isFalse();
      exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      // nginx still has the dead scorer in its upstream: keep the load on to see it cope.
      Eventually.pause(Duration.ofSeconds(3));
      load.close();
      report(
          "scorer SIGTERM while still in the nginx upstream (1 of 3)",
          load,
          String.format(
              "the scorer drained and exited %.1f s after the signal", exitMillis / 1000.0));
    }
    assertThat(controller.scale(3).backends()).hasSize(3);
  }

  @Test
  @Order(3)
  void aSigkilledScorerFailsNothing() {
    Backend victim = controller.status().backends().get(0);
    try (var load = load()) {
      Eventually.pause(Duration.ofSeconds(1));
      ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
      Eventually.pause(Duration.ofSeconds(3));
      load.close();
      report("scorer SIGKILL under load (1 of 3)", load, "");
    }
    assertThat(controller.prune().backends()).hasSize(2);
  }

  @Test
  @Order(4)
  void theControllersGracefulStopFailsNothing() {
    Set<Long> before =
        Set.copyOf(controller.status().backends().stream().map(Backend::pid).toList());
    try (var load = load()) {
      Eventually.pause(Duration.ofSeconds(1));
      assertThat(controller.scale(1).backends()).hasSize(1);
      Eventually.pause(Duration.ofSeconds(1));
      load.close();
      long stopped = before.stream().filter(pid -> ProcessHandle.of(pid).isEmpty()).count();
      assertThat(stopped).isEqualTo(1);
      report(
          "scorer SIGTERM through the controller (out of the upstream, drained, then stopped)",
          load,
          "");
    }
  }

  private LoadGenerator load() {
    return new LoadGenerator(
        URI.create("http://127.0.0.1:" + port + "/v1/models/" + TelcoModels.MODEL + "/predict"),
        body,
        6,
        Duration.ofMillis(2),
        Duration.ofMinutes(2));
  }

  private void report(String name, LoadGenerator load, String detail) {
    List<LoadGenerator.Outcome> failed =
        load.outcomes().stream().filter(LoadGenerator.Outcome::failed).toList();
    assertThat(load.outcomes()).as("requests sent").hasSizeGreaterThan(200);
    assertThat(failed).as("failed requests").isEmpty();
    CaseReport.record(
        "faults",
        name,
        load.outcomes().size(),
        failed.size(),
        String.format(
            "%d resent by the client after a closed keep-alive connection%s; p99 %.0f ms",
            load.resent(),
            detail.isEmpty() ? "" : "; " + detail,
            LoadGenerator.percentileMillis(load.outcomes(), 99)),
        getClass().getSimpleName());
  }

  private ScorerRelease release() {
    return new ScorerRelease(
        "A",
        BuiltJars.scorer().toString(),
        Map.of(
            "SCOPEML_DB_URL", database().url(),
            "SCOPEML_DB_USER", database().user(),
            "SCOPEML_DB_PASSWORD", database().password()),
        List.of());
  }
}
