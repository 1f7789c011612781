package dev.scopeml.processes.spark;

import dev.scopeml.processes.Launch;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone Master and its Workers on 127.0.0.1, each a process started with the Spark
 * home's {@code bin/spark-class}, which adds the JVM options Spark needs on Java 25 itself. Free
 * ports for everything (the Master's REST server, on a fixed port by default, is off); each process
 * logs to its own file under {@code directory}, where the Workers also keep their executors' work.
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final String REGISTERED = "Successfully registered with master";

  private final Path home;
  private final Path directory;
  private final int cores;
  private final String memory;
  private final int port;
  private Process master;
  private final List<Process> workers = new ArrayList<>();

  /**
   * @param home a Spark home: {@code bin/spark-class}, {@code jars/}, {@code conf/}
   * @param directory logs and the Workers' work directories
   * @param cores cores each Worker offers
   * @param memory memory each Worker offers its executors, e.g. {@code 2g}
   */
  public StandaloneCluster(Path home, Path directory, int cores, String memory) {
    this.home = home.toAbsolutePath();
    this.directory = directory.toAbsolutePath();
    this.cores = cores;
    this.memory = memory;
    this.port = LoopbackPorts.free();
  }

  /** {@code spark://127.0.0.1:<port>}, what applications are submitted to. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** Starts the Master and {@code count} Workers and waits until each Worker has registered. */
  public StandaloneCluster start(int count, Duration timeout) {
    master =
        launch(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                "0"));
    for (int i = 0; i < count; i++) {
      addWorker(timeout);
    }
    return this;
  }

  /** Starts one more Worker and waits until it has registered with the Master. */
  public Process addWorker(Duration timeout) {
    String name = "worker-" + (workers.size() + 1);
    Path work = directory.resolve(name);
    Process worker =
        launch(
            name,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                masterUrl(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--webui-port",
                "0",
                "--cores",
                Integer.toString(cores),
                "--memory",
                memory,
                "--work-dir",
                work.toString()));
    workers.add(worker);
    awaitLine(worker, log(name), REGISTERED, timeout);
    return worker;
  }

  /** The Master, for status and stopping. */
  public ProcessRef master() {
    return ProcessRef.of(master);
  }

  /** The Workers, in start order. */
  public List<Process> workers() {
    return List.copyOf(workers);
  }

  /** The log file of the process {@code name}: {@code master}, {@code worker-1}, … */
  public Path log(String name) {
    return directory.resolve(name + ".log");
  }

  /** Stops the Workers, then the Master: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    for (Process worker : workers) {
      ProcessRef.of(worker).stop(Duration.ofSeconds(10));
    }
    if (master != null) {
      ProcessRef.of(master).stop(Duration.ofSeconds(10));
    }
  }

  private Process launch(String name, List<String> arguments) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var command = new ArrayList<String>();
    command.add(home.resolve("bin/spark-class").toString());
    command.addAll(arguments);
    Process process =
        Launch.of(command)
            .environment(
                Map.of(
                    "SPARK_HOME", home.toString(),
                    "SPARK_LOCAL_IP", "127.0.0.1",
                    "SPARK_DAEMON_MEMORY", "512m",
                    "SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=false",
                    "SPARK_WORKER_OPTS", "-Dspark.worker.cleanup.enabled=false",
                    "OMP_WAIT_POLICY", "PASSIVE"))
            .output(log(name))
            .in(directory)
            .ownSession()
            .start();
    // A JVM that dies (a test timeout, a crashed benchmark) must not leave a cluster behind it.
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::destroyForcibly));
    return process;
  }

  private static void awaitLine(Process process, Path log, String line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = read(log);
      if (text.contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            log.getFileName() + " exited with " + process.exitValue() + ":\n" + tail(text));
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        log.getFileName()
            + " did not log '"
            + line
            + "' within "
            + timeout
            + ":\n"
            + tail(read(log)));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
