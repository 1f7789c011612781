package dev.scopeml.cli.stack;

import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.ProcessRef;
import java.nio.file.Path;
import java.util.List;

/**
 * The local stack's Spark standalone cluster, started by {@code scopeml up --spark}: saved by the
 * supervisor beside the stack's state, shown by {@code scopeml status}, removed when it stops.
 *
 * @param masterUrl what Spark runs are submitted to, {@code spark://127.0.0.1:<port>}
 * @param master the Master process
 * @param workers the Worker processes
 * @param sparkHome the Spark home they run from
 */
public record SparkClusterState(
    String masterUrl, ProcessRef master, List<ProcessRef> workers, String sparkHome) {

  public SparkClusterState {
    workers = List.copyOf(workers);
  }

  /** {@code <stack directory>/spark.json}. */
  public static JsonStateFile<SparkClusterState> file(StackPaths paths) {
    return new JsonStateFile<>(paths.home().resolve("spark.json"), SparkClusterState.class);
  }

  /** The Spark home the build prepares: {@code spark/runtime/target/spark-home}. */
  public static Path sparkHome(StackPaths paths) {
    return paths.repo().resolve("spark/runtime/target/spark-home");
  }

  /** The application jar the build prepares: {@code spark/app/target/scopeml-spark.jar}. */
  public static Path appJar(StackPaths paths) {
    return paths.repo().resolve("spark/app/target/scopeml-spark.jar");
  }
}
