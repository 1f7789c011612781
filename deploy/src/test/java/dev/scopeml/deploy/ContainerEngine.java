package dev.scopeml.deploy;

import dev.scopeml.nginx.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The repository's container engine ({@code deploy/images/engine}: Docker where a Docker Engine
 * runs, podman otherwise), with its settings kept in a folder of the test's own.
 */
final class ContainerEngine {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final List<String> command;
  private final CommandRunner runner = CommandRunner.processes();
  private final boolean podman;

  ContainerEngine(Path repository, Path work) {
    this.command =
        List.of(
            "env",
            "SCOPEML_CONTAINERS_DIR=" + work,
            repository.resolve("deploy/images/engine").toString());
    this.podman = run("--version").output().toLowerCase(Locale.ROOT).contains("podman");
  }

  /** The engine's command line, for the tier controller's driver. */
  List<String> command() {
    return command;
  }

  /** Whether it is podman, whose healthchecks run only when asked where systemd does not run. */
  boolean podman() {
    return podman;
  }

  CommandRunner.Result run(String... arguments) {
    var full = new ArrayList<>(command);
    full.addAll(List.of(arguments));
    return runner.run(full, Map.of(), COMMAND_TIMEOUT);
  }

  /** Runs a command and returns its output, or fails saying what did not work. */
  String require(String what, String... arguments) {
    CommandRunner.Result result = run(arguments);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          what + " failed (exit " + result.exitCode() + "):\n" + result.output());
    }
    return result.output().strip();
  }

  /** One field of {@code inspect} of a container or an image, e.g. {@code {{.Config.User}}}. */
  String inspect(String name, String format) {
    return require("inspecting " + name, "inspect", "-f", format, name);
  }

  /**
   * Waits until the container's healthcheck passes, checking every second as the images' {@code
   * --start-interval} would; returns how long that took from {@code startedNanos}.
   */
  Duration awaitHealthy(String name, long startedNanos, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!inspect(name, "{{.State.Running}}").equals("true")) {
        throw new IllegalStateException(
            name + " stopped:\n" + run("logs", "--tail", "40", name).output());
      }
      boolean healthy =
          podman
              ? run("healthcheck", "run", name).exitCode() == 0
              : inspect(name, "{{.State.Health.Status}}").equals("healthy");
      if (healthy) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        name
            + " not healthy within "
            + timeout
            + ":\n"
            + run("logs", "--tail", "40", name).output());
  }
}
