package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.processes.AotTraining;
import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.processes.Launch;
import dev.scopeml.processes.NotReadyException;
import dev.scopeml.processes.ProcessRef;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stack's one trainer: the trainer jar as a detached process on 127.0.0.1. */
final class TrainerProcess implements StackComponent {

  private final Process process;
  private final ProcessRef ref;
  private final String url;
  private final Path log;

  private TrainerProcess(Process process, String url, Path log) {
    this.process = process;
    this.ref = ProcessRef.of(process);
    this.url = url;
    this.log = log;
  }

  /**
   * Starts the trainer; it migrates (a no-op by then) and becomes ready on its own.
   *
   * @param settings further settings as environment variables (the Spark engine's)
   */
  static TrainerProcess start(
      StackPaths paths, StackDatabase database, int port, Map<String, String> settings) {
    if (!Files.isRegularFile(paths.trainerJar())) {
      throw new StackException(
          "the trainer jar "
              + StackPaths.show(paths.trainerJar())
              + " is missing: build with ./mvnw -q -DskipTests package");
    }
    var environment = new LinkedHashMap<String, String>();
    environment.put("SCOPEML_DB_URL", database.url());
    environment.put("SCOPEML_DB_USER", database.adminUser());
    environment.put("SCOPEML_DB_PASSWORD_FILE", database.adminPasswordFile().toString());
    environment.put("SCOPEML_ADMIN_TOKEN_FILE", paths.adminTokenFile().toString());
    environment.put("SCOPEML_DATA_DIR", paths.datasets().toString());
    environment.put("SERVER_PORT", Integer.toString(port));
    environment.put("SERVER_ADDRESS", "127.0.0.1");
    environment.putAll(settings);
    Path log = paths.logs().resolve("trainer.log");
    Process process;
    try {
      // A session of its own: a Ctrl-C aimed at `up` does not reach the trainer.
      // The fast launch: its AOT cache is recorded on the first start of each build of the jar, by
      // a run until its context is refreshed (which migrates the database, as any start does).
      var command =
          JavaCommand.fastJar(
              List.of(),
              paths.trainerJar(),
              AotTraining.untilRefreshed(environment),
              SupervisorLog::step);
      process =
          Launch.of(command)
              .environment(environment)
              .appendOutput(log)
              .in(paths.home())
              .ownSession()
              .start();
    } catch (UncheckedIOException e) {
      throw new StackException(e.getMessage(), e);
    }
    return new TrainerProcess(process, "http://127.0.0.1:" + port, log);
  }

  String url() {
    return url;
  }

  ProcessRef ref() {
    return ref;
  }

  /** Waits until the trainer's readiness probe answers 200, or fails saying why. */
  void awaitReady(Duration timeout) {
    try {
      HttpProbe.awaitOk(
          URI.create(url + "/actuator/health/readiness"), process, timeout, Duration.ofMillis(250));
    } catch (NotReadyException e) {
      throw new StackException("the trainer " + e.getMessage() + "; see " + StackPaths.show(log));
    }
  }

  @Override
  public String name() {
    return "trainer";
  }

  @Override
  public void stop() {
    // Graceful: running tasks end and their leases are released for another trainer.
    ref.stop(Duration.ofSeconds(40));
  }
}
