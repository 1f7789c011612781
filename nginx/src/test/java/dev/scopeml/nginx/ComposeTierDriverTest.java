package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose driver's conversation with the docker CLI. No Docker engine runs on the build
 * machines, so the CLI is replaced by a script of answers; the commands themselves are checked.
 */
class ComposeTierDriverTest {

  @TempDir Path dir;

  private final List<List<String>> sent = new ArrayList<>();
  private final List<Map<String, String>> environments = new ArrayList<>();
  private final List<String> workerListings = new ArrayList<>(List.of("11 12", "11 12 21 22"));

  private final CommandRunner docker =
      (command, environment, timeout) -> {
        sent.add(command);
        environments.add(environment);
        String joined = String.join(" ", command);
        if (joined.endsWith("cat /proc/1/task/1/children")) {
          return new CommandRunner.Result(0, workerListings.removeFirst());
        }
        if (joined.contains("inspect -f {{.State.Health.Status}}")) {
          return new CommandRunner.Result(0, "healthy\n");
        }
        if (joined.contains("inspect -f {{.State.Status}}")) {
          return new CommandRunner.Result(0, "exited 3\n");
        }
        return new CommandRunner.Result(0, "");
      };

  private ComposeTierDriver driver() {
    return new ComposeTierDriver(
        docker, Path.of("docker-compose.yml"), "scopeml", dir.resolve("upstream.conf"));
  }

  @Test
  void startsAScorerContainerOfTheReleaseImage() {
    Backend backend =
        driver()
            .start(
                new ScorerRelease(
                    "1.1", "scopeml/scorer:1.1", Map.of("JAVA_OPTS", "-Xmx1g"), List.of()));
    assertThat(sent.getFirst())
        .startsWith("docker", "compose", "-f", "docker-compose.yml", "-p", "scopeml", "run", "-d")
        .contains("SCOPEML_SCORER_VERSION=1.1", "JAVA_OPTS=-Xmx1g")
        .endsWith("scorer");
    assertThat(environments.getFirst()).containsEntry("SCOPEML_SCORER_IMAGE", "scopeml/scorer:1.1");
    assertThat(backend.address()).isEqualTo(backend.id() + ":8080");
    assertThat(driver().isReady(backend)).isTrue();
    assertThat(driver().exitReason(backend)).contains("container exited with code 3");
  }

  @Test
  void reloadsAfterTestingAndWaitsForNewWorkers() throws Exception {
    var backend = new Backend("scopeml-scorer-1", "1.1", "scopeml-scorer-1", 8080, -1, null);
    var previous = driver().applyUpstream(List.of(backend));
    assertThat(previous).containsExactlyInAnyOrder(11L, 12L);
    assertThat(Files.readString(dir.resolve("upstream.conf")))
        .contains("server scopeml-scorer-1:8080");
    List<String> execs = sent.stream().map(c -> String.join(" ", c.subList(6, c.size()))).toList();
    assertThat(execs)
        .containsSubsequence(
            "exec -T nginx nginx -t",
            "exec -T nginx cat /proc/1/task/1/children",
            "exec -T nginx nginx -s reload",
            "exec -T nginx cat /proc/1/task/1/children");
  }

  @Test
  void reportsAFailedConfigurationTest() {
    CommandRunner refusing =
        (command, environment, timeout) ->
            command.contains("-t")
                ? new CommandRunner.Result(1, "nginx: [emerg] host not found in upstream")
                : new CommandRunner.Result(0, "");
    var driver =
        new ComposeTierDriver(
            refusing, Path.of("docker-compose.yml"), "scopeml", dir.resolve("upstream.conf"));
    assertThatThrownBy(() -> driver.applyUpstream(List.of()))
        .isInstanceOf(TierException.class)
        .hasMessageContaining("host not found");
  }
}
