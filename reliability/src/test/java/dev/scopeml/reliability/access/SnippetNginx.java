package dev.scopeml.reliability.access;

import dev.scopeml.nginx.NginxTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tier's own nginx configuration, rendered from its template with documented blocks in place of
 * the predict locations (and beside them in {@code http}), exactly as RELIABILITY.md tells an
 * operator to edit it, in front of one scorer. Started with {@code -p/-c} like the tier's nginx.
 */
final class SnippetNginx implements AutoCloseable {

  private final Path binary;
  private final Path prefix;
  private final int port;

  private SnippetNginx(Path binary, Path prefix, int port) {
    this.binary = binary;
    this.prefix = prefix;
    this.port = port;
  }

  /** The port it listens on, on 127.0.0.1. */
  int port() {
    return port;
  }

  /** Writes the configuration and checks it with {@code nginx -t}; does not start. */
  static SnippetNginx configure(
      Path binary, Path prefix, int listenPort, int scorerPort, String http, String locations) {
    Path absolute = prefix.toAbsolutePath();
    try {
      Files.createDirectories(absolute.resolve("logs"));
      Files.createDirectories(absolute.resolve("temp"));
      String config =
          NginxTemplate.shipped()
              .withPredictLocations(locations, http)
              .render(
                  Map.of(
                      "workers",
                      "1",
                      "prefix",
                      absolute.toString(),
                      "maxBody",
                      "4m",
                      "listen",
                      "127.0.0.1:" + listenPort,
                      "tls",
                      "",
                      "control",
                      "unix:" + absolute.resolve("control.sock")));
      Files.writeString(absolute.resolve("nginx.conf"), config);
      Files.writeString(
          absolute.resolve("upstream.conf"), "server 127.0.0.1:" + scorerPort + ";\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var nginx = new SnippetNginx(binary, absolute, listenPort);
    nginx.run("-t");
    return nginx;
  }

  SnippetNginx start() {
    run();
    return this;
  }

  @Override
  public void close() {
    if (Files.exists(prefix.resolve("nginx.pid"))) {
      run("-s", "quit");
    }
  }

  private void run(String... extra) {
    var command = new ArrayList<>(List.of(binary.toString(), "-p", prefix.toString()));
    command.addAll(List.of("-c", prefix.resolve("nginx.conf").toString()));
    command.addAll(List.of("-e", prefix.resolve("logs/error.log").toString()));
    command.addAll(List.of(extra));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("nginx " + List.of(extra) + " did not finish");
      }
      String output = new String(process.getInputStream().readAllBytes());
      if (process.exitValue() != 0) {
        throw new IllegalStateException("nginx " + List.of(extra) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
