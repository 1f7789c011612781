package dev.scopeml.kafka.broker;

import dev.scopeml.processes.JavaCommand;
import dev.scopeml.processes.Launch;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode on 127.0.0.1, run as a process of its own from
 * the build's Kafka jars ({@code kafka/target/broker}): the broker, Scala and their logging stay
 * off the classpath of everything else. Its directory holds {@code server.properties}, the logging
 * configuration and the {@code data} it keeps across restarts; the first start formats it.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final String MAIN = "kafka.Kafka";
  private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  private static final String BROKER_JAR_PREFIX = "kafka_2.13-";
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");

  private final Path libraries;
  private final Path directory;
  private final int port;
  private final int controllerPort;
  private final Path log;
  private Process process;

  /**
   * @param libraries the broker's jars ({@code kafka/target/broker} of the build)
   * @param directory where its configuration and data live
   * @param port the clients' port on 127.0.0.1
   * @param controllerPort the controller's port on 127.0.0.1
   * @param log where its output goes (appended)
   */
  public KafkaBroker(Path libraries, Path directory, int port, int controllerPort, Path log) {
    this.libraries = libraries.toAbsolutePath().normalize();
    this.directory = directory.toAbsolutePath().normalize();
    this.port = port;
    this.controllerPort = controllerPort;
    this.log = log.toAbsolutePath();
  }

  /**
   * A broker on two free ports whose files, its log ({@code broker.log}) included, go to {@code
   * directory}: one for a test or a benchmark.
   */
  public static KafkaBroker onFreePorts(Path libraries, Path directory) {
    return new KafkaBroker(
        libraries,
        directory,
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        directory.resolve("broker.log"));
  }

  /** {@code 127.0.0.1:<port>}, the clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path directory() {
    return directory;
  }

  public Path log() {
    return log;
  }

  /** The running broker process. */
  public ProcessRef process() {
    if (process == null) {
      throw new IllegalStateException("the broker was not started");
    }
    return ProcessRef.of(process);
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Writes the configuration, formats the data directory on the first start and starts the broker
   * in a session of its own; does not wait for it (see {@link #awaitReady}).
   *
   * @throws IllegalStateException if the broker's jars are missing or formatting fails
   */
  public KafkaBroker start() {
    if (isRunning()) {
      throw new IllegalStateException("the broker already runs as pid " + process.pid());
    }
    requireLibraries();
    Path data = directory.resolve("data");
    ServerProperties.write(serverProperties(), data, port, controllerPort);
    writeLoggingConfiguration();
    if (!Files.exists(data.resolve("meta.properties"))) {
      format();
    }
    var command = new ArrayList<>(JavaCommand.main(jvmOptions(), classPath(), MAIN));
    command.add(serverProperties().toString());
    process = Launch.of(command).appendOutput(log).in(directory).ownSession().start();
    return this;
  }

  /**
   * Waits until the broker answers clients: its metadata lists a live broker, so topics can be
   * created.
   *
   * @throws IllegalStateException if the process exits or {@code timeout} passes first
   */
  public KafkaBroker awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(config)) {
      while (true) {
        if (!isRunning()) {
          throw new IllegalStateException(
              "the Kafka broker exited with code "
                  + (process == null ? "?" : process.exitValue())
                  + " before it was ready; see "
                  + log);
        }
        try {
          var nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                  .nodes()
                  .get(3, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return this;
          }
        } catch (ExecutionException | TimeoutException e) {
          // Not listening yet, or not registered with its controller yet.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Kafka broker was not ready within " + timeout.toSeconds() + " s; see " + log);
        }
        pause();
      }
    }
  }

  /**
   * SIGTERM, which makes the broker shut down cleanly, then up to {@code grace} for it to exit,
   * then SIGKILL.
   *
   * @return whether it exited within the grace period
   */
  public boolean stop(Duration grace) {
    if (process == null) {
      return true;
    }
    boolean clean = ProcessRef.of(process).stop(grace);
    awaitExit(Duration.ofSeconds(10));
    return clean;
  }

  /** SIGKILL: the broker dies at once, as in a crash. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private void awaitExit(Duration timeout) {
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void format() {
    var command = new ArrayList<>(JavaCommand.main(jvmOptions(), classPath(), STORAGE_TOOL));
    command.addAll(
        List.of(
            "format",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            serverProperties().toString()));
    Process tool = Launch.of(command).appendOutput(log).in(directory).start();
    try {
      if (!tool.waitFor(2, TimeUnit.MINUTES)) {
        tool.destroyForcibly();
        throw new IllegalStateException("formatting the Kafka broker's storage took over 2 min");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tool.destroyForcibly();
      throw new IllegalStateException("interrupted while formatting the Kafka broker's storage");
    }
    if (tool.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting the Kafka broker's storage failed with code "
              + tool.exitValue()
              + "; see "
              + log);
    }
  }

  private Path serverProperties() {
    return directory.resolve("server.properties");
  }

  private Path loggingConfiguration() {
    return directory.resolve("logback.xml");
  }

  private List<String> jvmOptions() {
    var options = new ArrayList<>(JVM_OPTIONS);
    options.add("-Djava.awt.headless=true");
    options.add("-Dlogback.configurationFile=" + loggingConfiguration());
    return options;
  }

  private String classPath() {
    return libraries.resolve("*").toString();
  }

  private void requireLibraries() {
    boolean present;
    try (var files = Files.list(libraries)) {
      present = files.anyMatch(f -> f.getFileName().toString().startsWith(BROKER_JAR_PREFIX));
    } catch (IOException e) {
      present = false;
    }
    if (!present) {
      throw new IllegalStateException(
          "the Kafka broker's jars are missing from "
              + libraries
              + ": build them with ./mvnw -q -DskipTests package");
    }
  }

  private void writeLoggingConfiguration() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream("logback.xml")) {
      Files.createDirectories(directory);
      Files.copy(in, loggingConfiguration(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + loggingConfiguration(), e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }
}
