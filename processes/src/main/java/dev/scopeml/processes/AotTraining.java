package dev.scopeml.processes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The run that records a jar's JDK AOT cache: the application started as it will be in production,
 * ending by itself once it has loaded what it should find in the cache; the JVM writes the cache as
 * it exits.
 *
 * @param jvmOptions JVM options of the training run, beside the cache's own
 * @param arguments application arguments of the training run
 * @param environment added to this process's environment (its database, for instance)
 * @param timeout how long the run may take before it is given up
 */
public record AotTraining(
    List<String> jvmOptions,
    List<String> arguments,
    Map<String, String> environment,
    Duration timeout) {

  /** Spring Framework's switch that ends a run right after its context is refreshed. */
  private static final String EXIT_ON_REFRESH = "-Dspring.context.exit=onRefresh";

  public AotTraining {
    jvmOptions = List.copyOf(jvmOptions);
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  /**
   * A Spring Boot application started until its context is refreshed, then ended: every class its
   * start-up loads and links is in the cache, without serving anything. The trainer's (its start
   * migrates its database, which {@code environment} names).
   */
  public static AotTraining untilRefreshed(Map<String, String> environment) {
    return new AotTraining(List.of(EXIT_ON_REFRESH), List.of(), environment, Duration.ofMinutes(3));
  }

  /**
   * A scorer started on its database ({@code environment}) until it is ready and warm, then ended
   * by itself ({@code scopeml.scorer.warm-up.then-exit}): the cache then also holds the classes of
   * loading and verifying models and of the request path, and the method profiles of the warm-up's
   * requests, with which the JIT compiles that path sooner. Its ports are any free ones. On an
   * empty registry there is nothing to warm up, and the cache holds the start-up only.
   */
  public static AotTraining untilReadyAndWarm(Map<String, String> environment) {
    return new AotTraining(
        List.of(),
        List.of(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--scopeml.scorer.operator-port=0",
            "--scopeml.scorer.warm-up.then-exit=true"),
        environment,
        Duration.ofMinutes(5));
  }
}
