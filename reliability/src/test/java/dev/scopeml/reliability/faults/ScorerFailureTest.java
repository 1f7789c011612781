package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.LoadResult;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.LocalTierDriver;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.testsupport.load.TierLoad;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * predictions with hardly a pause between them, so requests are always in flight, from clients that
 * never resend: a rollout (which must not reload nginx), a raw SIGTERM to a scorer nginx still
 * sends traffic to (an operator's {@code kill}, a host shutting down), a SIGKILL (a crash, an OOM
 * kill), and the controller's own graceful stop. None may fail a request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScorerFailureTest extends ReliabilityTest {

  private TierController controller;
  private NginxProcess nginx;
  private int port;
  private String body;

  @BeforeAll
  void threeScorersBehindNginx() {
    Path binary =
        NginxProcess.findBinary()
            .orElseThrow(() -> new IllegalStateException("nginx is not installed"));
    body = TelcoModel.servingOneYear(new JdbcModelStore(dataSource())).body(1);
    Path tier = workDirectory().resolve("tier");
    nginx = new NginxProcess(binary, tier.resolve("nginx"), 2, "4m");
    controller =
        new TierController(
            new LocalTierDriver(nginx, logs(), step -> System.out.println("tier: " + step)),
            TierState.file(tier.resolve("tier.json")),
            TierTimeouts.readyWithin(Duration.ofMinutes(2)),
            step -> System.out.println("tier: " + step));
    port = freePort();
    controller.up(FrontDoor.http(port), release("A"), 3);
  }

  @AfterAll
  void tearDownTier() {
    if (controller != null) {
      controller.down();
    }
  }

  @Test
  @Order(1)
  void aRolloutOfThreeScorersFailsNothingAndNeverReloadsNginx() {
    assertThat(controller.status().backends()).hasSize(3);
    Set<Long> workers = nginx.workerPids();
    try (var load = load()) {
      Eventually.pause(Duration.ofMillis(500));
      var result = controller.rollout(release("B"));
      Eventually.pause(Duration.ofMillis(500));
      assertThat(result.succeeded()).as("rollout: %s", result.failure()).isTrue();
      assertThat(nginx.workerPids()).as("nginx's workers: no reload").isEqualTo(workers);
      report(
          "rollout of 3 scorers under load (nginx not reloaded)",
          load.stop(),
          String.format(
              "rollout %.1f s, nginx's workers unchanged", result.duration().toMillis() / 1000.0));
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
      report(
          "scorer SIGTERM while still in the nginx upstream (1 of 3)",
          load.stop(),
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
      report("scorer SIGKILL under load (1 of 3)", load.stop(), "");
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
      LoadResult outcomes = load.stop();
      long stopped = before.stream().filter(pid -> ProcessHandle.of(pid).isEmpty()).count();
      assertThat(stopped).isEqualTo(1);
      report(
          "scorer SIGTERM through the controller (out of the upstream, drained, then stopped)",
          outcomes,
          "");
    }
  }

  /** Six clients through nginx with hardly a pause, never resending: requests always in flight. */
  private HttpLoad.Running load() {
    return TierLoad.start(port, TelcoModel.PREDICT, body, 6, Duration.ofMillis(2));
  }

  private void report(String name, LoadResult load, String detail) {
    assertThat(load.samples()).as("requests sent").hasSizeGreaterThan(200);
    assertThat(load.failed()).as("failed requests").isEmpty();
    CaseReport.record(
        "faults",
        name,
        load.samples().size(),
        load.failures(),
        String.format(
            "no request resent%s; p99 %.0f ms",
            detail.isEmpty() ? "" : "; " + detail, load.percentileMillis(99)),
        getClass().getSimpleName());
  }

  private ScorerRelease release(String label) {
    return new ScorerRelease(
        label, scorerJar().toString(), Services.credentials(database()), List.of());
  }
}
