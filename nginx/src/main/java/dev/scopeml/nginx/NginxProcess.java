package dev.scopeml.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** The longest path a Unix socket address may have on Linux, less its terminating zero. */
  private static final int MAX_SOCKET_PATH = 107;

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

  /** Writes nginx.conf for {@code door} and the upstream for {@code slots}. */
  public void configure(FrontDoor door, List<Slot> slots) {
    if (controlSocket().toString().length() > MAX_SOCKET_PATH) {
      throw new TierException(
          "nginx's folder "
              + prefix
              + " is too deep for its control socket (at most "
              + MAX_SOCKET_PATH
              + " characters): use a shorter SCOPEML_HOME");
    }
    try {
      Files.createDirectories(prefix.resolve("logs"));
      Files.createDirectories(prefix.resolve("temp"));
      var values = new HashMap<>(NginxTemplate.frontDoorValues("127.0.0.1:" + door.port(), door));
      values.put("workers", Integer.toString(workers));
      values.put("prefix", prefix.toString());
      values.put("maxBody", maxBody);
      values.put("control", "unix:" + controlSocket());
      String config = NginxTemplate.shipped().render(values);
      Files.writeString(prefix.resolve("nginx.conf"), config);
      UpstreamConfig.write(prefix.resolve("upstream.conf"), slots, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write nginx configuration in " + prefix, e);
    }
  }

  /**
   * One request through the upstream by way of the control listener.
   *
   * @return the address of the scorer that answered 200, if one did
   */
  public Optional<String> passOneRequest() {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(controlSocket()))) {
      channel.write(
          ByteBuffer.wrap(
              "GET /nginx/slots HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1)));
      String head =
          new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.ISO_8859_1);
      return UpstreamAnswer.answeredBy(head);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Path controlSocket() {
    return prefix.resolve("control.sock");
  }

  /** {@code nginx -t}: fails with nginx's own message if the configuration is invalid. */
  public void test() {
    run(List.of("-t"), "configuration test");
  }

  /** Starts the master (it daemonizes) and waits for its workers. */
  public void start() {
    try {
      // Left by an nginx that was killed: nginx would not bind its control socket over it.
      Files.deleteIfExists(controlSocket());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + controlSocket(), e);
    }
    test();
    run(List.of(), "start");
    awaitWorkers(Set.of(), Duration.ofSeconds(10));
  }

  public boolean isRunning() {
    return masterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Tests and reloads the configuration, returning once new workers run; the previous workers
   * finish their requests and exit on their own.
   */
  public void reload() {
    test();
    Set<Long> previous = workerPids();
    run(List.of("-s", "reload"), "reload");
    awaitWorkers(previous, Duration.ofSeconds(15));
  }

  /** The master's current worker processes. */
  public Set<Long> workerPids() {
    return masterPid()
        .flatMap(ProcessHandle::of)
        .map(master -> master.children().map(ProcessHandle::pid).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  /** Waits until none of {@code pids} is alive. */
  private void awaitGone(Set<Long> pids, Duration timeout) {
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

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierException("interrupted", e);
    }
  }
}
