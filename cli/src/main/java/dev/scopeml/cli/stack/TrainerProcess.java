package dev.scopeml.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** The stack's one trainer: the trainer jar as a detached process on 127.0.0.1. */
final class TrainerProcess implements StackComponent {

  private final Process process;
  private final ProcessRef ref;
  private final String url;
  private final Path log;

  private TrainerProcess(Process process, String url, Path log) {
    this.process = process;
    this.ref = ProcessRef.of(process.toHandle());
    this.url = url;
    this.log = log;
  }

  /** Starts the trainer; it migrates (a no-op by then) and becomes ready on its own. */
  static TrainerProcess start(StackPaths paths, StackDatabase database, int port) {
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
    Path log = paths.logs().resolve("trainer.log");
    Process process =
        JavaProcess.startDetached(
            List.of(
                JavaProcess.java().toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                paths.trainerJar().toString()),
            environment,
            Set.of(),
            log,
            paths.home());
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
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!HttpCheck.ok(url + "/actuator/health/readiness")) {
      if (!process.isAlive()) {
        throw new StackException(
            "the trainer exited with code "
                + process.exitValue()
                + " before it was ready; see "
                + StackPaths.show(log));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "the trainer was not ready within "
                + timeout.toSeconds()
                + " s; see "
                + StackPaths.show(log));
      }
      pause();
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

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the trainer");
    }
  }
}
