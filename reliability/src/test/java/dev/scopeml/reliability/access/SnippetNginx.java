package dev.scopeml.reliability.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal nginx in front of one scorer, configured with documented blocks: the {@code scorers}
 * upstream and the proxy settings of the tier's template, plus an {@code http} block and a {@code
 * server} block under test. Started with {@code -p/-c} like the tier's nginx.
 */
final class SnippetNginx implements AutoCloseable {

  private final Path binary;
  private final Path prefix;

  private SnippetNginx(Path binary, Path prefix) {
    this.binary = binary;
    this.prefix = prefix;
  }

  /** Writes the configuration and checks it with {@code nginx -t}; does not start. */
  static SnippetNginx configure(
      Path binary, Path prefix, int listenPort, int scorerPort, String http, String server) {
    try {
      Files.createDirectories(prefix.resolve("logs"));
      Files.createDirectories(prefix.resolve("temp"));
      String config =
          """
          worker_processes 1;
          pid %1$s/nginx.pid;
          error_log %1$s/logs/error.log warn;
          events { worker_connections 64; }
          http {
              access_log off;
              client_body_temp_path %1$s/temp/client_body;
              proxy_temp_path %1$s/temp/proxy;
              fastcgi_temp_path %1$s/temp/fastcgi;
              uwsgi_temp_path %1$s/temp/uwsgi;
              scgi_temp_path %1$s/temp/scgi;
              upstream scorers {
                  server 127.0.0.1:%2$d;
                  keepalive 8;
              }
          %3$s
              server {
                  listen 127.0.0.1:%4$d;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
          %5$s
              }
          }
          """
              .formatted(prefix, scorerPort, http, listenPort, server);
      Files.writeString(prefix.resolve("nginx.conf"), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var nginx = new SnippetNginx(binary, prefix);
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
