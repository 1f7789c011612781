package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain container engine driver's conversation with the engine's CLI, against a script of
 * answers. It runs for real against podman in the deploy module's ContainerDeploymentTest.
 */
class ContainerTierDriverTest {

  @TempDir Path dir;

  private final List<List<String>> sent = new ArrayList<>();
  private String version = "podman version 4.3.1";
  private int healthcheckExit = 0;

  private final CommandRunner engine =
      (command, environment, timeout) -> {
        sent.add(command);
        String joined = String.join(" ", command);
        if (joined.endsWith("--version")) {
          return new CommandRunner.Result(0, version + "\n");
        }
        if (joined.contains("healthcheck run")) {
          return new CommandRunner.Result(healthcheckExit, healthcheckExit == 0 ? "" : "unhealthy");
        }
        if (joined.contains("inspect -f {{.State.Health.Status}}")) {
          return new CommandRunner.Result(0, "starting\n");
        }
        if (joined.contains("inspect -f {{.State.Running}}")) {
          return new CommandRunner.Result(1, "no such container");
        }
        return new CommandRunner.Result(0, "");
      };

  private ContainerTierDriver driver() {
    return new ContainerTierDriver(
        engine,
        new ContainerTier(
            List.of("podman"),
            "scopeml",
            List.of("-e", "SCOPEML_DB_USER=scopeml_scorer", "--read-only"),
            "nginx:1.28.0-alpine",
            List.of("-v", "/conf/nginx.conf:/etc/nginx/nginx.conf:ro"),
            dir.resolve("upstream/upstream.conf"),
            18088));
  }

  @Test
  void startsAScorerContainerOnItsSlotsPortWithTheTiersOptionsAndTheReleaseImage() {
    Slot slot = driver().slots(4, List.of()).get(1);
    Backend backend =
        driver()
            .start(
                new ScorerRelease(
                    "1.1", "scopeml/scorer:1.1", Map.of("JAVA_OPTS", "-Xmx1g"), List.of("--debug")),
                slot);
    assertThat(String.join(" ", sent.getFirst())).isEqualTo("podman rm -f scopeml-scorer-slot-2");
    List<String> run = sent.get(1);
    assertThat(run)
        .startsWith("podman", "run", "-d", "--name", "scopeml-scorer-slot-2", "--network", "host")
        .contains("SCOPEML_DB_USER=scopeml_scorer", "--read-only")
        .contains(
            "SERVER_PORT=" + slot.port(),
            "SERVER_ADDRESS=127.0.0.1",
            "SCOPEML_SCORER_VERSION=1.1",
            "SCOPEML_SCORER_OPERATOR_PORT=" + backend.operatorPort(),
            "JAVA_OPTS=-Xmx1g")
        .endsWith("scopeml/scorer:1.1", "--debug");
    assertThat(run.indexOf("SERVER_PORT=" + slot.port()))
        .as("the slot's settings come after the tier's options, so they win")
        .isGreaterThan(run.indexOf("SCOPEML_DB_USER=scopeml_scorer"));
    assertThat(backend.address()).isEqualTo("127.0.0.1:" + slot.port());
  }

  @Test
  void podmanIsAskedToRunTheHealthcheckAndDockerForItsStatus() {
    Backend backend =
        new Backend("scopeml-scorer-slot-1", "1", "127.0.0.1", 9000, 1, 9001, -1, null);
    assertThat(driver().isReady(backend)).as("podman: the healthcheck passed").isTrue();
    assertThat(sent.getLast())
        .containsExactly("podman", "healthcheck", "run", "scopeml-scorer-slot-1");
    healthcheckExit = 1;
    assertThat(driver().isReady(backend)).as("podman: the healthcheck failed").isFalse();

    version = "Docker version 27.3.1, build ce12230";
    sent.clear();
    assertThat(driver().isReady(backend)).as("docker: still starting").isFalse();
    assertThat(sent).noneMatch(command -> command.contains("healthcheck"));
  }

  @Test
  void startsNginxOnTheHostNetworkWithItsOptionsAndSlotsAsLoopbackAddresses() throws Exception {
    List<Slot> slots = driver().slots(2, List.of());
    driver().ensureBalancer(FrontDoor.http(18080), slots);
    assertThat(sent.getLast())
        .startsWith("podman", "run", "-d", "--name", "scopeml-nginx", "--network", "host")
        .contains("/conf/nginx.conf:/etc/nginx/nginx.conf:ro")
        .endsWith("nginx:1.28.0-alpine");
    String upstream = Files.readString(dir.resolve("upstream/upstream.conf"));
    assertThat(upstream)
        .contains("server 127.0.0.1:" + slots.get(0).port() + " max_fails=1")
        .contains("server 127.0.0.1:" + slots.get(1).port() + " max_fails=1")
        .doesNotContain("resolve");
  }
}
