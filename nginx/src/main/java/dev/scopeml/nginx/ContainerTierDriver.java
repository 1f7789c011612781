package dev.scopeml.nginx;

import dev.scopeml.processes.LoopbackPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scorers and nginx as containers of a plain container engine ({@code docker run}, {@code podman
 * run}) on the host's network: for hosts where no compose tool runs the compose file as it is
 * (Debian 12's podman-compose 1.0.3 does not substitute {@code ${VAR:-}} and ignores health
 * conditions; docs/containers.md). As with {@link LocalTierDriver}, a slot is a port on 127.0.0.1
 * below the ephemeral range, written into nginx's upstream once; a scorer container in it listens
 * there for the public (once ready and warm) and on a port of its own for operators. The image's
 * healthcheck decides readiness: podman runs it when asked ({@code healthcheck run}), since its
 * timers need systemd; Docker runs it itself. nginx runs as PID 1 of its container, so its workers
 * are PID 1's children.
 */
public final class ContainerTierDriver implements TierDriver {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final CommandRunner commands;
  private final ContainerTier tier;
  private final NginxInContainer nginx;
  private Boolean podman;

  /**
   * @param commands runs the engine's CLI
   * @param tier what to run and how
   */
  public ContainerTierDriver(CommandRunner commands, ContainerTier tier) {
    this.commands = commands;
    this.tier = tier;
    this.nginx = new NginxInContainer(this::inNginx);
  }

  @Override
  public List<Slot> slots(int capacity, List<Slot> existing) {
    return LoopbackSlots.of(capacity, existing);
  }

  @Override
  public Backend start(ScorerRelease release, Slot slot) {
    String name = tier.project() + "-scorer-slot-" + slot.index();
    // A container left in the slot by a crash would hold its name.
    engine("rm", "-f", name);
    int operatorPort = LoopbackPorts.free();
    var command = engineCommand("run", "-d", "--name", name, "--network", "host");
    command.addAll(tier.scorerOptions());
    Map.of(
            "SERVER_PORT", Integer.toString(slot.port()),
            "SERVER_ADDRESS", "127.0.0.1",
            "SCOPEML_SCORER_OPERATOR_PORT", Integer.toString(operatorPort),
            "SCOPEML_SCORER_VERSION", release.version())
        .forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
    release.environment().forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
    command.add(release.artifact());
    command.addAll(release.arguments());
    commands.run(command, Map.of(), COMMAND_TIMEOUT).orThrow("starting scorer " + name);
    return new Backend(
        name,
        release.version(),
        "127.0.0.1",
        slot.port(),
        slot.index(),
        operatorPort,
        -1,
        Instant.now());
  }

  @Override
  public boolean isReady(Backend backend) {
    if (podman()) {
      return engine("healthcheck", "run", backend.id()).exitCode() == 0;
    }
    var result = engine("inspect", "-f", "{{.State.Health.Status}}", backend.id());
    return result.exitCode() == 0 && result.output().strip().equals("healthy");
  }

  @Override
  public Optional<String> exitReason(Backend backend) {
    return ContainerState.exitReason(
        engine("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", backend.id()),
        backend.id());
  }

  @Override
  public void stop(Backend backend, Duration grace) {
    engine("stop", "-t", Long.toString(grace.toSeconds()), backend.id());
    engine("rm", "-f", backend.id());
  }

  @Override
  public void ensureBalancer(FrontDoor door, List<Slot> slots) {
    UpstreamConfig.write(tier.upstreamFile(), slots, null);
    if (balancerRunning()) {
      nginx.reload();
      return;
    }
    engine("rm", "-f", tier.nginxName());
    var command = engineCommand("run", "-d", "--name", tier.nginxName(), "--network", "host");
    command.addAll(tier.nginxOptions());
    command.add(tier.nginxImage());
    commands.run(command, Map.of(), COMMAND_TIMEOUT).orThrow("starting nginx");
  }

  @Override
  public void awaitBalancing(List<Backend> backends, Duration timeout) {
    String control = "http://127.0.0.1:" + tier.controlPort() + "/nginx/slots";
    BalancingWait.until(backends, timeout, () -> nginx.answeredBy(control), Backend::address);
  }

  @Override
  public boolean balancerRunning() {
    var result = engine("inspect", "-f", "{{.State.Running}}", tier.nginxName());
    return result.exitCode() == 0 && result.output().strip().equals("true");
  }

  @Override
  public void stopBalancer() {
    engine("stop", tier.nginxName()).orThrow("stopping nginx");
    engine("rm", "-f", tier.nginxName());
  }

  /** Whether the engine is podman, whose healthchecks run only when asked without systemd. */
  private boolean podman() {
    if (podman == null) {
      podman = engine("--version").output().toLowerCase(Locale.ROOT).contains("podman");
    }
    return podman;
  }

  private CommandRunner.Result inNginx(List<String> command) {
    var exec = engineCommand("exec", tier.nginxName());
    exec.addAll(command);
    return commands.run(exec, Map.of(), COMMAND_TIMEOUT);
  }

  private CommandRunner.Result engine(String... arguments) {
    return commands.run(engineCommand(arguments), Map.of(), COMMAND_TIMEOUT);
  }

  private List<String> engineCommand(String... arguments) {
    var command = new ArrayList<>(tier.engine());
    command.addAll(List.of(arguments));
    return command;
  }
}
