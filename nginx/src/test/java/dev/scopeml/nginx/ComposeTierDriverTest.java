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
        if (joined.endsWith("ps -q nginx")) {
          return new CommandRunner.Result(0, "f00d\n");
        }
        if (joined.contains("{{.IPAddress}}")) {
          return new CommandRunner.Result(0, "172.18.0.5\n");
        }
        if (joined.contains("wget -S")) {
          return new CommandRunner.Result(
              0, "  HTTP/1.1 200 OK\n  X-Upstream: 172.18.0.9:8080, 172.18.0.5:8080\n");
        }
        return new CommandRunner.Result(0, "");
      };

  private ComposeTierDriver driver() {
    return new ComposeTierDriver(
        docker, Path.of("docker-compose.yml"), "scopeml", dir.resolve("upstream.conf"));
  }

  @Test
  void startsAScorerContainerOfTheReleaseImageUnderItsSlotsName() {
    Slot slot = driver().slots(4, List.of()).get(2);
    Backend backend =
        driver()
            .start(
                new ScorerRelease(
                    "1.1", "scopeml/scorer:1.1", Map.of("JAVA_OPTS", "-Xmx1g"), List.of()),
                slot);
    assertThat(String.join(" ", sent.getFirst())).isEqualTo("docker rm -f scopeml-scorer-slot-3");
    assertThat(sent.get(1))
        .startsWith("docker", "compose", "-f", "docker-compose.yml", "-p", "scopeml", "run", "-d")
        .contains("--name", "scopeml-scorer-slot-3")
        .contains(
            "SCOPEML_SCORER_VERSION=1.1", "SCOPEML_SCORER_OPERATOR_PORT=8079", "JAVA_OPTS=-Xmx1g")
        .endsWith("scorer");
    assertThat(environments.get(1)).containsEntry("SCOPEML_SCORER_IMAGE", "scopeml/scorer:1.1");
    assertThat(backend.address()).isEqualTo("scopeml-scorer-slot-3:8080");
    assertThat(backend.operatorAddress()).isEqualTo("scopeml-scorer-slot-3:8079");
    assertThat(driver().isReady(backend)).isTrue();
    assertThat(driver().exitReason(backend)).contains("container exited with code 3");
  }

  @Test
  void theUpstreamNamesEverySlotForNginxToResolveAndAResizeReloadsOnce() throws Exception {
    List<Slot> slots = driver().slots(2, List.of());
    driver().ensureBalancer(FrontDoor.http(8080), slots);
    assertThat(Files.readString(dir.resolve("upstream.conf")))
        .contains("resolver 127.0.0.11 valid=2s ipv6=off;")
        .contains("server scopeml-scorer-slot-1:8080 resolve max_fails=1 fail_timeout=2s;")
        .contains("server scopeml-scorer-slot-2:8080 resolve max_fails=1 fail_timeout=2s;");
    List<String> execs = sent.stream().map(c -> String.join(" ", c.subList(6, c.size()))).toList();
    assertThat(execs)
        .containsSubsequence(
            "ps -q nginx",
            "exec -T nginx nginx -t",
            "exec -T nginx cat /proc/1/task/1/children",
            "exec -T nginx nginx -s reload",
            "exec -T nginx cat /proc/1/task/1/children");
    assertThat(driver().slots(3, slots)).startsWith(slots.toArray(Slot[]::new)).hasSize(3);
  }

  @Test
  void nginxReachingAScorerIsReadFromItsControlListener() {
    Slot slot = driver().slots(1, List.of()).getFirst();
    Backend backend =
        new Backend(slot.host(), "1.1", slot.host(), 8080, 1, 8079, -1, java.time.Instant.now());
    driver().awaitBalancing(List.of(backend), java.time.Duration.ofSeconds(2));
    assertThat(sent.stream().map(c -> String.join(" ", c)))
        .anyMatch(
            c -> c.endsWith("exec -T nginx wget -S -q -O /dev/null " + ComposeTierDriver.CONTROL));
  }

  @Test
  void reportsAFailedConfigurationTest() {
    CommandRunner refusing =
        (command, environment, timeout) ->
            command.contains("-t")
                ? new CommandRunner.Result(1, "nginx: [emerg] invalid parameter \"resolve\"")
                : new CommandRunner.Result(0, "running\n");
    var driver =
        new ComposeTierDriver(
            refusing, Path.of("docker-compose.yml"), "scopeml", dir.resolve("upstream.conf"));
    assertThatThrownBy(() -> driver.ensureBalancer(FrontDoor.http(8080), List.of()))
        .isInstanceOf(TierException.class)
        .hasMessageContaining("invalid parameter");
  }
}
