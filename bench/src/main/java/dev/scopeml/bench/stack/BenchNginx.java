package dev.scopeml.bench.stack;

import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The nginx of the HTTP figures: scorers at {@code /}, the Python peer at {@code /python/}, started
 * with {@code -p <prefix> -c <conf>} and stopped with {@code -s quit}.
 */
public final class BenchNginx implements AutoCloseable {

  private final Path binary;
  private final Path prefix;
  private final int port;

  private BenchNginx(Path binary, Path prefix, int port) {
    this.binary = binary;
    this.prefix = prefix;
    this.port = port;
  }

  /**
   * Writes the configuration and starts nginx.
   *
   * @param prefix nginx's folder (configuration, pid, logs)
   * @param workers nginx worker processes
   * @param scorerPorts scorers on 127.0.0.1
   * @param pythonPort the Python peer on 127.0.0.1, or 0 if there is none
   */
  public static BenchNginx start(
      Path prefix, int workers, List<Integer> scorerPorts, int pythonPort) {
    Path binary =
        NginxProcess.findBinary()
            .orElseThrow(
                () -> new IllegalStateException("nginx is not installed: apt-get install nginx"));
    Path absolute = prefix.toAbsolutePath();
    int port = LoopbackPorts.free();
    String config =
        template()
            .replace("{{workers}}", Integer.toString(workers))
            .replace("{{prefix}}", absolute.toString())
            .replace("{{listen}}", Integer.toString(port))
            .replace("{{scorers}}", servers(scorerPorts))
            .replace("{{python}}", servers(pythonPort == 0 ? List.of(9) : List.of(pythonPort)));
    try {
      Files.createDirectories(absolute.resolve("logs"));
      Files.createDirectories(absolute.resolve("temp"));
      Files.writeString(absolute.resolve("nginx.conf"), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the nginx configuration", e);
    }
    var nginx = new BenchNginx(binary, absolute, port);
    nginx.run();
    HttpProbe.awaitOk(
        URI.create("http://127.0.0.1:" + port + "/livez"),
        Duration.ofSeconds(10),
        Duration.ofMillis(20));
    return nginx;
  }

  /** The port nginx listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** nginx's version line, e.g. {@code nginx/1.22.1}. */
  public static String version() {
    try {
      Path binary = NginxProcess.findBinary().orElseThrow();
      Process process =
          new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.replace("nginx version:", "").strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  @Override
  public void close() {
    run("-s", "quit");
  }

  private void run(String... extra) {
    var command =
        new java.util.ArrayList<>(
            List.of(
                binary.toString(),
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-e",
                prefix.resolve("logs/error.log").toString()));
    command.addAll(List.of(extra));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("nginx " + String.join(" ", extra) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run nginx", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String servers(List<Integer> ports) {
    return ports.stream()
        .map(p -> "        server 127.0.0.1:" + p + ";")
        .collect(Collectors.joining("\n"));
  }

  private static String template() {
    try (InputStream in = BenchNginx.class.getResourceAsStream("nginx-bench.conf.template")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("nginx-bench.conf.template is missing", e);
    }
  }
}
