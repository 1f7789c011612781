package dev.scopeml.cli.tier;

import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.LockFile;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.nginx.CommandRunner;
import dev.scopeml.nginx.ComposeTierDriver;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierEvents;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.processes.JsonStateFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which tier a command works on: the local stack's (default), a docker compose project's, or the
 * scorer Deployment of a Kubernetes cluster.
 */
final class TierOptions {

  /** How scorers run. */
  enum Driver {
    local,
    compose,
    kubernetes
  }

  @Option(
      names = "--driver",
      defaultValue = "local",
      description =
          "local: scorer processes of the local stack (./scopeml up); compose: containers of a"
              + " docker compose project; kubernetes: the scorer Deployment of deploy/kubernetes."
              + " Default ${DEFAULT-VALUE}.")
  Driver driver;

  @Mixin KubernetesOptions kubernetes;

  @Option(
      names = "--compose-file",
      description = "With --driver compose: the compose file (default docker-compose.yml).")
  Path composeFile;

  @Option(
      names = "--compose-project",
      defaultValue = "scopeml",
      description = "With --driver compose: the project name (default ${DEFAULT-VALUE}).")
  String composeProject;

  @Option(
      names = "--upstream-file",
      description =
          "With --driver compose: the upstream.conf the controller writes, in the folder"
              + " docker compose mounts into nginx as SCOPEML_UPSTREAM_DIR (default"
              + " $SCOPEML_UPSTREAM_DIR/upstream.conf, else <stack directory>/compose/upstream/"
              + "upstream.conf).")
  Path upstreamFile;

  /** How the compose driver runs the docker CLI; tests put a script of answers here. */
  CommandRunner commands = CommandRunner.processes();

  /**
   * Opens the tier to change it, holding its lock until closed. The local tier needs the stack up:
   * its scorers log in to the stack's database.
   */
  OpenTier change(StackPaths paths, TierEvents events, PrintWriter out) {
    if (driver == Driver.local) {
      if (new LocalStack(paths, out, Map.of()).running().filter(StackState::isUp).isEmpty()) {
        throw new StackException("the local stack is not running: start it with ./scopeml up");
      }
      LocalTier tier = LocalTier.open(paths, events, out::println);
      return new OpenTier(
          tier.controller(), "local tier", TierState.file(paths.tierStateFile()), tier);
    }
    return compose(paths, events, out, true);
  }

  /** Opens the tier to look at it, without waiting for an operation in progress. */
  OpenTier inspect(StackPaths paths, PrintWriter out) {
    if (driver == Driver.local) {
      LocalTier tier = LocalTier.inspect(paths);
      return new OpenTier(
          tier.controller(), "local tier", TierState.file(paths.tierStateFile()), tier);
    }
    return compose(paths, TierEvents.silent(), out, false);
  }

  private OpenTier compose(StackPaths paths, TierEvents events, PrintWriter out, boolean lock) {
    Path compose = composeFile != null ? composeFile : paths.repo().resolve("docker-compose.yml");
    Path upstream = upstreamFile != null ? upstreamFile : defaultUpstream(paths);
    AutoCloseable held =
        lock
            ? LockFile.acquire(
                paths.home().resolve("compose-tier.lock"), Duration.ofMinutes(15), out::println)
            : () -> {};
    var stateFile = TierState.file(paths.home().resolve("compose-tier.json"));
    var controller =
        new TierController(
            new ComposeTierDriver(commands, compose, composeProject, upstream),
            stateFile,
            TierTimeouts.defaults(),
            events);
    return new OpenTier(controller, "compose project " + composeProject, stateFile, held);
  }

  /**
   * Where the controller writes nginx's upstream: the folder docker-compose.yml mounts as {@code
   * SCOPEML_UPSTREAM_DIR}. Never the checked-in default folder, which lists the compose service.
   */
  private static Path defaultUpstream(StackPaths paths) {
    String dir = System.getenv("SCOPEML_UPSTREAM_DIR");
    Path folder =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : paths.home().resolve("compose").resolve("upstream");
    return folder.resolve("upstream.conf");
  }

  /**
   * The release docker-compose.yml starts, for a first {@code scale} that hands the compose scorers
   * to the controller: the scorer image ({@code SCOPEML_SCORER_IMAGE}, else the default the compose
   * file names), labelled by its tag.
   */
  static ScorerRelease composeRelease() {
    String image = System.getenv().getOrDefault("SCOPEML_SCORER_IMAGE", "scopeml/scorer:0.1.0");
    return new ScorerRelease(
        image.substring(image.lastIndexOf(':') + 1), image, Map.of(), java.util.List.of());
  }

  /** nginx's published port in docker-compose.yml ({@code SCOPEML_HTTP_PORT}, default 8080). */
  static int composeHttpPort() {
    String port = System.getenv("SCOPEML_HTTP_PORT");
    return port == null || port.isBlank() ? 8080 : Integer.parseInt(port.strip());
  }

  /**
   * A tier open for one command.
   *
   * @param controller its controller
   * @param name how to call it in messages
   * @param stateFile its saved state
   * @param lock released when the command is done
   */
  record OpenTier(
      TierController controller,
      String name,
      JsonStateFile<TierState> stateFile,
      AutoCloseable lock)
      implements AutoCloseable {

    @Override
    public void close() {
      try {
        lock.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release the tier lock", e);
      }
    }
  }
}
