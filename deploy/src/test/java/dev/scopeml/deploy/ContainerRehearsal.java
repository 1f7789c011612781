package dev.scopeml.deploy;

import dev.scopeml.processes.JavaCommand;
import dev.scopeml.processes.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One service's container played out on this machine, without Docker, as far as a machine allows:
 * the image's build stage runs its {@code COPY} and {@code RUN} steps (splitting the jar), the
 * final stage copies the layers the same way, the container's files (mounts, volumes, secrets,
 * image folders) are laid out under a folder standing for its root, and the base image's entrypoint
 * starts the app with the container's environment. Its healthcheck command is then run as Docker
 * would run it.
 */
final class ContainerRehearsal implements AutoCloseable {

  private static final String SECRETS = "/run/secrets/";

  /** A service's address in a URL ({@code //postgres:5432/}) or alone ({@code kafka:9092}). */
  private static final Pattern SERVICE_ADDRESS = Pattern.compile("(^|//)([a-z0-9_-]+):(\\d+)(/|$)");

  private final Deployment deployment;
  private final AppImage app;
  private final Path root;
  private final Path log;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Process process;

  /**
   * @param folder where this container's files go
   * @param addresses host and port on this machine of each compose service the app connects to
   * @param javaOptions flags for the operator's JAVA_OPTS (this machine is no container with a
   *     memory limit the heap could be sized from)
   */
  ContainerRehearsal(
      Deployment deployment,
      AppImage app,
      Path folder,
      Map<String, String> addresses,
      String javaOptions) {
    this.deployment = deployment;
    this.app = app;
    this.root = folder.resolve("rootfs");
    this.log = folder.resolve(app.service().name() + ".log");
    try {
      build(folder);
      layOutFiles();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    environment.putAll(app.containerEnvironment(deployment.baseEnvironment()));
    environment.replaceAll((name, value) -> translate(value, addresses));
    environment.put("APP_HOME", inside("/app").toString());
    environment.put("JAVA_OPTS", javaOptions);
    // A free port instead of the image's: other builds on this machine may hold it. The
    // healthcheck reads SERVER_PORT too, so it follows.
    environment.put("SERVER_PORT", Integer.toString(LoopbackPorts.free()));
    environment.put("PATH", javaFirstPath());
  }

  /** Starts the entrypoint as the container would. */
  void start() throws IOException {
    var command =
        new ArrayList<>(List.of("sh", deployment.file("base-image/entrypoint.sh").toString()));
    var builder =
        new ProcessBuilder(command)
            .directory(inside("/app").toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /**
   * Runs the healthcheck until it passes, the app exits or {@code timeout} passes.
   *
   * @return whether it passed
   */
  boolean awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    String check = deployment.healthcheck(app.service()).orElseThrow();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      var builder = new ProcessBuilder("sh", "-c", check).redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process probe = builder.start();
      probe.getInputStream().readAllBytes();
      if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
        return true;
      }
      Thread.sleep(1000);
    }
    return false;
  }

  /** The app's output so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  /** The variables the app started with. */
  Map<String, String> environment() {
    return environment;
  }

  /** Whether the process runs. */
  boolean running() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, as {@code docker stop} sends, then the exit. */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The container path {@code path} under the folder standing for the container's root. */
  Path inside(String path) {
    return root.resolve(path.substring(1));
  }

  /** The build stage the final stage copies from: its COPY and RUN steps, in its work folder. */
  private void build(Path folder) throws IOException {
    Dockerfile dockerfile = app.dockerfile();
    String stageName =
        Dockerfile.copies(dockerfile.finalStage()).stream()
            .map(Dockerfile.Copy::from)
            .filter(from -> from != null)
            .findFirst()
            .orElseThrow();
    Dockerfile.Stage stage = dockerfile.stage(stageName).orElseThrow();
    Path stageRoot = folder.resolve("stage-" + stageName);
    Path workdir = stageRoot;
    for (Dockerfile.Instruction instruction : stage.instructions()) {
      switch (instruction.keyword()) {
        case "WORKDIR" -> {
          workdir = stageRoot.resolve(instruction.arguments().substring(1));
          Files.createDirectories(workdir);
        }
        case "COPY" -> {
          for (Dockerfile.Copy copy :
              Dockerfile.copies(new Dockerfile.Stage(null, null, List.of(instruction)))) {
            for (String source : copy.sources()) {
              // A link stands for the copy: the jar is only read.
              Files.createSymbolicLink(
                  workdir.resolve(copy.destination()),
                  app.context().resolve(source).toAbsolutePath());
            }
          }
        }
        case "RUN" -> run(instruction.arguments(), workdir);
        default -> {
          // USER and the like change nothing a rehearsal can reproduce.
        }
      }
    }
    Path appRoot = inside("/app");
    Files.createDirectories(appRoot);
    for (Dockerfile.Copy copy : Dockerfile.copies(dockerfile.finalStage())) {
      if (copy.from() == null) {
        continue;
      }
      for (String source : copy.sources()) {
        moveTree(stageRoot.resolve(source.substring(1)), appRoot.resolve(copy.destination()));
      }
    }
  }

  /** Mounts, named volumes, secrets, as the container would see them. */
  private void layOutFiles() throws IOException {
    for (ComposeService.Mount mount : app.service().mounts()) {
      Path target = inside(mount.target());
      Files.createDirectories(target.getParent());
      if (mount.bind()) {
        Files.createSymbolicLink(
            target, deployment.compose().directory().resolve(mount.source()).normalize());
      } else {
        Files.createDirectories(target);
      }
    }
    for (String secret : app.service().secrets()) {
      Path target = inside(SECRETS + secret);
      Files.createDirectories(target.getParent());
      Files.copy(
          deployment
              .compose()
              .directory()
              .resolve(deployment.compose().secretFiles().get(secret) + ".example"),
          target);
    }
  }

  /** Container paths to paths under the root; compose service addresses to this machine's. */
  private String translate(String value, Map<String, String> addresses) {
    if (value == null) {
      return null;
    }
    if (value.startsWith("/")) {
      Path path = inside(value);
      // Other absolute paths stand for folders the image makes (RUN mkdir); a secret that was not
      // mounted must stay missing.
      if (!Files.exists(path) && !value.startsWith(SECRETS)) {
        try {
          Files.createDirectories(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return path.toString();
    }
    Matcher matcher = SERVICE_ADDRESS.matcher(value);
    var out = new StringBuilder();
    while (matcher.find()) {
      String address =
          Optional.ofNullable(addresses.get(matcher.group(2)))
              .orElse(matcher.group(2) + ":" + matcher.group(3));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + address + matcher.group(4)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private void run(String command, Path workdir) throws IOException {
    var builder =
        new ProcessBuilder("sh", "-c", command)
            .directory(workdir.toFile())
            .redirectErrorStream(true);
    builder.environment().put("PATH", javaFirstPath());
    Process step = builder.start();
    String output = new String(step.getInputStream().readAllBytes());
    try {
      if (!step.waitFor(2, TimeUnit.MINUTES) || step.exitValue() != 0) {
        throw new IllegalStateException("RUN " + command + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Moves files, merging folders as successive COPY steps do; the stage is not needed after. */
  private static void moveTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The PATH with this JVM's bin folder first: the image's JRE stands in for the container's. */
  private static String javaFirstPath() {
    return JavaCommand.java().getParent() + ":" + System.getenv().getOrDefault("PATH", "");
  }
}
