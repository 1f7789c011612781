package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.SparkClusterState;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.ProcessRef;
import dev.scopeml.processes.spark.StandaloneCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack's Spark engine ({@code scopeml up --spark}): a standalone Master and one Worker on
 * 127.0.0.1, run from the Spark home the build assembles, and the trainer settings that submit
 * Spark runs to them.
 */
final class StackSpark implements StackComponent {

  /** Set by {@code scopeml up --spark} for the supervisor. */
  static final String ENABLED = "SCOPEML_STACK_SPARK";

  private static final Duration READY = Duration.ofMinutes(2);

  private final StandaloneCluster cluster;
  private final JsonStateFile<SparkClusterState> stateFile;
  private final StackPaths paths;

  private StackSpark(
      StandaloneCluster cluster, JsonStateFile<SparkClusterState> stateFile, StackPaths paths) {
    this.cluster = cluster;
    this.stateFile = stateFile;
    this.paths = paths;
  }

  /** Whether {@code up} asked for the Spark engine. */
  static boolean requested() {
    return Boolean.parseBoolean(System.getenv(ENABLED));
  }

  /** Starts the Master and a Worker with two cores and waits until the Worker has registered. */
  static StackSpark start(StackPaths paths) {
    Path home = SparkClusterState.sparkHome(paths);
    for (Path built :
        new Path[] {home.resolve("bin/spark-class"), SparkClusterState.appJar(paths)}) {
      if (!Files.exists(built)) {
        throw new StackException(
            StackPaths.show(built) + " is missing: build with ./mvnw -q -DskipTests package");
      }
    }
    var cluster = new StandaloneCluster(home, paths.logs().resolve("spark"), 2, "2g");
    try {
      cluster.start(1, READY);
    } catch (RuntimeException e) {
      cluster.close();
      throw new StackException("the Spark cluster did not start: " + e.getMessage(), e);
    }
    var stateFile = SparkClusterState.file(paths);
    stateFile.save(
        new SparkClusterState(
            cluster.masterUrl(),
            cluster.master(),
            cluster.workers().stream().map(ProcessRef::of).toList(),
            home.toString()));
    return new StackSpark(cluster, stateFile, paths);
  }

  String masterUrl() {
    return cluster.masterUrl();
  }

  /** What the trainer needs to submit Spark runs to this cluster. */
  Map<String, String> trainerEnvironment() {
    var environment = new LinkedHashMap<String, String>();
    environment.put("SCOPEML_SPARK_MASTER", cluster.masterUrl());
    environment.put("SCOPEML_SPARK_HOME", SparkClusterState.sparkHome(paths).toString());
    environment.put("SCOPEML_SPARK_APP_JAR", SparkClusterState.appJar(paths).toString());
    environment.put("SCOPEML_SPARK_LOG_DIRECTORY", paths.logs().resolve("spark").toString());
    return environment;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public void stop() {
    cluster.close();
    stateFile.delete();
  }
}
