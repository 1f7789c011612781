package dev.scopeml.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An nginx master process run with {@code -p <prefix> -c <conf>} on this machine: renders its
 * configuration, starts it, reloads it and verifies that a reload really replaced the workers.
 */
public final class NginxProcess {

  private static final List<String> USUAL_LOCATIONS =
      List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx");

  private final Path binary;
  private final Path prefix;
  private final int workers;
  private final String maxBody;
  private final CommandRunner commands = CommandRunner.processes();

  /**
   * @param binary the nginx executable
   * @param prefix the folder holding nginx.conf, upstream.conf, the pid file, logs and temp files
   * @param workers worker processes
   * @param maxBody largest request body, in nginx's size syntax (e.g. {@code 8m})
   */
  public NginxProcess(Path binary, Path prefix, int workers, String maxBody) {
    this.binary = Objects.requireNonNull(binary);
    this.prefix = prefix.toAbsolutePath();
    this.workers = workers;
    this.maxBody = maxBody;
  }

  /** nginx from {@code SCOPEML_NGINX}, the PATH or its usual install locations. */
  public static Optional<Path> findBinary() {
    String configured = System.getenv("SCOPEML_NGINX");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    var candidates = new ArrayList<Path>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "nginx"));
      }
    }
    USUAL_LOCATIONS.forEach(location -> candidates.add(Path.of(location)));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  public Path prefix() {
    return prefix;
  }

  /** Writes nginx.conf for {@code listenPort} and the upstream for {@code backends}. */
  public void configure(int listenPort, List<Backend> backends) {
    try {
      Files.createDirectories(prefix.resolve("logs"));
      Files.createDirectories(prefix.resolve("temp"));
      String config =
          template()
              .replace("{{workers}}", Integer.toString(workers))
              .replace("{{prefix}}", prefix.toString())
              .replace("{{maxBody}}", maxBody)
              .replace("{{listen}}", "127.0.0.1:" + listenPort);
      Files.writeString(prefix.resolve("nginx.conf"), config);
      writeUpstream(backends);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write nginx configuration in " + prefix, e);
    }
  }

  /** Writes the upstream servers. */
  public void writeUpstream(List<Backend> backends) {
    UpstreamConfig.write(prefix.resolve("upstream.conf"), backends);
  }

  /** {@code nginx -t}: fails with nginx's own message if the configuration is invalid. */
  public void test() {
    run(List.of("-t"), "configuration test");
  }

  /** Starts the master (it daemonizes) and waits for its workers. */
  public void start() {
    test();
    run(List.of(), "start");
    awaitWorkers(Set.of(), Duration.ofSeconds(10));
  }

  public boolean isRunning() {
    return masterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Tests and reloads the configuration, returning once new workers run.
   *
   * @return the previous workers, which finish their requests and exit on their own
   */
  public Set<Long> reload() {
    test();
    Set<Long> previous = workerPids();
    run(List.of("-s", "reload"), "reload");
    awaitWorkers(previous, Duration.ofSeconds(15));
    return previous;
  }

  /** The master's current worker processes. */
  public Set<Long> workerPids() {
    return masterPid()
        .flatMap(ProcessHandle::of)
        .map(master -> master.children().map(ProcessHandle::pid).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  /** Waits until none of {@code pids} is alive. */
  public void awaitGone(Set<Long> pids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long pid : pids) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      while (process.isPresent() && process.get().isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new TierException("nginx worker " + pid + " still running after " + timeout);
        }
        pause(20);
      }
    }
  }

  /** Graceful stop: workers finish their requests first. */
  public void stop() {
    Optional<ProcessHandle> master = masterPid().flatMap(ProcessHandle::of);
    if (master.isEmpty() || !master.get().isAlive()) {
      return;
    }
    Set<Long> workers = workerPids();
    run(List.of("-s", "quit"), "stop");
    awaitGone(Set.of(master.get().pid()), Duration.ofSeconds(40));
    awaitGone(workers, Duration.ofSeconds(5));
  }

  private void awaitWorkers(Set<Long> previous, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Set<Long> current = new HashSet<>(workerPids());
      current.removeAll(previous);
      if (current.size() >= workers) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TierException(
            "nginx did not start new workers within " + timeout + ": see " + errorLog());
      }
      pause(10);
    }
  }

  private Optional<Long> masterPid() {
    Path pidFile = prefix.resolve("nginx.pid");
    try {
      return Files.exists(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Path errorLog() {
    return prefix.resolve("logs/error.log");
  }

  private void run(List<String> extra, String what) {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "-p",
            prefix.toString(),
            "-c",
            prefix.resolve("nginx.conf").toString(),
            "-e",
            errorLog().toString()));
    command.addAll(extra);
    commands.run(command, Map.of(), Duration.ofSeconds(30)).orThrow("nginx " + what);
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String template() throws IOException {
    try (InputStream in = NginxProcess.class.getResourceAsStream("nginx.conf.template")) {
      if (in == null) {
        throw new IOException("nginx.conf.template is missing from the classpath");
      }
      return read(in);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierException("interrupted", e);
    }
  }
}
