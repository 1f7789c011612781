package dev.scopeml.deploy;

import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.CommandRunner;
import dev.scopeml.nginx.ComposeTierDriver;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.Slot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tier controller's {@link ComposeTierDriver} expects of docker-compose.yml, learned by
 * running the driver against a stand-in for the docker CLI and recording what it asks for: the
 * services it starts and execs into, the variables it sets, and the port it sends traffic to.
 *
 * @param scorerService the service {@code docker compose run} starts scorers of
 * @param scorerVariables the variables passed to a scorer with {@code -e}
 * @param imageVariables the variables set for compose while starting a scorer (to pick its image)
 * @param scorerPort the port nginx's upstream names for a scorer
 * @param balancerServices the services started, reloaded or stopped as the load balancer
 */
record TierDriverContract(
    String scorerService,
    Set<String> scorerVariables,
    Set<String> imageVariables,
    int scorerPort,
    Set<String> balancerServices) {

  private static final String MARKER = "scorer-image-under-test";

  /**
   * Runs the driver once through a scorer's start, the balancer's start and a reload of it (a
   * change of capacity), and records it.
   */
  public static TierDriverContract learn() {
    List<List<String>> commands = new ArrayList<>();
    List<Map<String, String>> environments = new ArrayList<>();
    CommandRunner recorder =
        (command, environment, timeout) -> {
          commands.add(List.copyOf(command));
          environments.add(Map.copyOf(environment));
          // Each listing of nginx's workers shows a new one, as after a reload; nginx runs once
          // it has been started.
          boolean started = commands.stream().anyMatch(c -> c.contains("up"));
          String output =
              command.contains("cat")
                  ? commands.size() + "\n"
                  : command.contains("ps") && started ? "nginx-container\n" : "";
          return new CommandRunner.Result(0, output);
        };
    Path upstream;
    try {
      upstream = Files.createTempDirectory("scopeml-tier").resolve("upstream.conf");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return learn(recorder, commands, environments, upstream);
    } finally {
      TemporaryFiles.delete(upstream.getParent());
    }
  }

  private static TierDriverContract learn(
      CommandRunner recorder,
      List<List<String>> commands,
      List<Map<String, String>> environments,
      Path upstream) {
    var driver =
        new ComposeTierDriver(recorder, Path.of("docker-compose.yml"), "scopeml", upstream);
    List<Slot> slots = driver.slots(2, List.of());
    Backend backend =
        driver.start(new ScorerRelease("contract", MARKER, Map.of(), List.of()), slots.getFirst());
    List<String> run = commands.stream().filter(c -> c.contains("run")).findFirst().orElseThrow();
    Set<String> scorerVariables = new LinkedHashSet<>();
    for (int i = 0; i + 1 < run.size(); i++) {
      if (run.get(i).equals("-e")) {
        scorerVariables.add(run.get(i + 1).substring(0, run.get(i + 1).indexOf('=')));
      }
    }
    Set<String> imageVariables = new LinkedHashSet<>();
    environments
        .get(commands.indexOf(run))
        .forEach(
            (name, value) -> {
              if (value.equals(MARKER)) {
                imageVariables.add(name);
              }
            });
    int started = commands.size();
    driver.ensureBalancer(FrontDoor.http(8080), slots);
    driver.ensureBalancer(FrontDoor.http(8080), slots);
    Set<String> balancer = new LinkedHashSet<>();
    for (List<String> command : commands.subList(started, commands.size())) {
      balancer.add(serviceOf(command));
    }
    return new TierDriverContract(
        run.getLast(), scorerVariables, imageVariables, backend.port(), balancer);
  }

  /** The service a {@code docker compose … <verb> [options] <service> …} command names. */
  private static String serviceOf(List<String> command) {
    int verb = command.indexOf("-p") + 2;
    int i = verb + 1;
    while (command.get(i).startsWith("-")) {
      i++;
    }
    return command.get(i);
  }
}
