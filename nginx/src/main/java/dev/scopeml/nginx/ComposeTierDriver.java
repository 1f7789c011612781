package dev.scopeml.nginx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scorers as containers of the compose project's {@code scorer} service and nginx as its {@code
 * nginx} service, driven through the {@code docker compose} CLI. A slot is a container name ({@code
 * <project>-scorer-slot-<n>}): the scorer of the slot runs under that name, which Docker's DNS
 * resolves only while it runs, and nginx (1.27.3 or later) resolves the slot names of its upstream
 * again every two seconds ({@code resolve}); an empty slot has no address and is skipped. The
 * upstream file lives on the host and is mounted read-only into the nginx container (see
 * docker-compose.yml); nginx runs as PID 1 there, so its workers are PID 1's children. The front
 * door itself (port, TLS) is the compose files' own nginx configuration.
 */
public final class ComposeTierDriver implements TierDriver {

  /** Port scorers listen on for the public inside the compose network. */
  static final int SCORER_PORT = 8080;

  /** Port scorers listen on for operators (probes, metrics) inside the compose network. */
  static final int OPERATOR_PORT = 8079;

  /** Docker's embedded DNS server, which resolves container names on a compose network. */
  static final String RESOLVER = "127.0.0.11 valid=2s ipv6=off";

  /** nginx's control listener inside its container (nginx/compose/nginx.conf.values). */
  static final String CONTROL = "http://127.0.0.1:8088/nginx/slots";

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final CommandRunner commands;
  private final Path composeFile;
  private final String project;
  private final Path upstreamFile;
  private final NginxInContainer nginx = new NginxInContainer(this::inNginx);

  /**
   * @param commands runs the docker CLI
   * @param composeFile the docker-compose.yml
   * @param project the compose project name
   * @param upstreamFile the host file mounted as nginx's upstream.conf
   */
  public ComposeTierDriver(
      CommandRunner commands, Path composeFile, String project, Path upstreamFile) {
    this.commands = commands;
    this.composeFile = composeFile;
    this.project = project;
    this.upstreamFile = upstreamFile;
  }

  @Override
  public List<Slot> slots(int capacity, List<Slot> existing) {
    var slots = new ArrayList<>(existing);
    while (slots.size() < capacity) {
      int index = slots.size() + 1;
      slots.add(new Slot(index, project + "-scorer-slot-" + index, SCORER_PORT));
    }
    return List.copyOf(slots);
  }

  @Override
  public Backend start(ScorerRelease release, Slot slot) {
    String name = slot.host();
    // A container left in the slot by a crash would hold its name.
    docker("rm", "-f", name);
    var command = compose("run", "-d", "--no-deps", "--name", name);
    command.addAll(List.of("-e", "SCOPEML_SCORER_VERSION=" + release.version()));
    command.addAll(List.of("-e", "SCOPEML_SCORER_OPERATOR_PORT=" + OPERATOR_PORT));
    release.environment().forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
    command.add("scorer");
    command.addAll(release.arguments());
    // The service's image is ${SCOPEML_SCORER_IMAGE}, so each release can name its own.
    commands
        .run(command, Map.of("SCOPEML_SCORER_IMAGE", release.artifact()), COMMAND_TIMEOUT)
        .orThrow("starting scorer " + release.version());
    return new Backend(
        name, release.version(), name, SCORER_PORT, slot.index(), OPERATOR_PORT, -1, Instant.now());
  }

  @Override
  public boolean isReady(Backend backend) {
    var result = docker("inspect", "-f", "{{.State.Health.Status}}", backend.id());
    return result.exitCode() == 0 && result.output().strip().equals("healthy");
  }

  @Override
  public Optional<String> exitReason(Backend backend) {
    return ContainerState.exitReason(
        docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", backend.id()),
        backend.id());
  }

  @Override
  public void stop(Backend backend, Duration grace) {
    docker("stop", "-t", Long.toString(grace.toSeconds()), backend.id());
    docker("rm", "-f", backend.id());
  }

  @Override
  public void ensureBalancer(FrontDoor door, List<Slot> slots) {
    UpstreamConfig.write(upstreamFile, slots, RESOLVER);
    if (!balancerRunning()) {
      commands
          .run(compose("up", "-d", "--no-deps", "nginx"), Map.of(), COMMAND_TIMEOUT)
          .orThrow("starting nginx");
      return;
    }
    nginx.reload();
  }

  @Override
  public void awaitBalancing(List<Backend> backends, Duration timeout) {
    // nginx names an upstream by the address it resolved: the container's IP on the network.
    var ips = new java.util.HashMap<String, String>();
    for (Backend backend : backends) {
      String ip =
          docker(
                  "inspect",
                  "-f",
                  "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                  backend.id())
              .output()
              .strip();
      ips.put(backend.id(), ip + ":" + backend.port());
    }
    BalancingWait.until(
        backends, timeout, () -> nginx.answeredBy(CONTROL), backend -> ips.get(backend.id()));
  }

  @Override
  public boolean balancerRunning() {
    var result = commands.run(compose("ps", "-q", "nginx"), Map.of(), COMMAND_TIMEOUT);
    return result.exitCode() == 0 && !result.output().isBlank();
  }

  @Override
  public void stopBalancer() {
    commands.run(compose("stop", "nginx"), Map.of(), COMMAND_TIMEOUT).orThrow("stopping nginx");
  }

  private CommandRunner.Result inNginx(List<String> command) {
    var exec = compose("exec", "-T", "nginx");
    exec.addAll(command);
    return commands.run(exec, Map.of(), COMMAND_TIMEOUT);
  }

  private CommandRunner.Result docker(String... arguments) {
    var command = new ArrayList<String>();
    command.add("docker");
    command.addAll(List.of(arguments));
    return commands.run(command, Map.of(), COMMAND_TIMEOUT);
  }

  private List<String> compose(String... arguments) {
    var command =
        new ArrayList<>(List.of("docker", "compose", "-f", composeFile.toString(), "-p", project));
    command.addAll(List.of(arguments));
    return command;
  }
}
