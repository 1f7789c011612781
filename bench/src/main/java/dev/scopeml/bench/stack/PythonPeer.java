package dev.scopeml.bench.stack;

import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python peer ({@code bench/python-peer}): trained by its own script, served by gunicorn's sync
 * workers, with the Debian interpreter whose packages hold Flask and xgboost.
 */
public final class PythonPeer implements AutoCloseable {

  private static final Path SOURCES = Path.of("bench/python-peer");
  private static final String PYTHON = "/usr/bin/python3";

  private final Process gunicorn;
  private final int port;
  private final int workers;

  private PythonPeer(Process gunicorn, int port, int workers) {
    this.gunicorn = gunicorn;
    this.port = port;
    this.workers = workers;
  }

  /** Trains the peer's model from {@code folder/schema.json}; returns what the script printed. */
  public static String train(Path folder) {
    return run(List.of(PYTHON, SOURCES.resolve("train.py").toString(), folder.toString()));
  }

  /** Starts gunicorn with {@code workers} sync workers serving the model in {@code folder}. */
  public static PythonPeer start(Path folder, int workers, Path log) {
    int port = LoopbackPorts.free();
    var builder =
        new ProcessBuilder(
                "gunicorn",
                "--workers",
                Integer.toString(workers),
                "--bind",
                "127.0.0.1:" + port,
                "--chdir",
                SOURCES.toAbsolutePath().toString(),
                "app:app")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("SCOPEML_PEER_DIR", folder.toAbsolutePath().toString());
    // One thread per worker: the workers are the parallelism, as in the reference deployment.
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    try {
      var peer = new PythonPeer(builder.start(), port, workers);
      HttpProbe.awaitOk(
          URI.create("http://127.0.0.1:" + port + "/readyz"),
          peer.gunicorn,
          Duration.ofSeconds(60),
          Duration.ofMillis(50));
      return peer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start gunicorn (apt-get install gunicorn)", e);
    }
  }

  public int port() {
    return port;
  }

  /** The gunicorn master's pid; its workers are its children. */
  public long pid() {
    return gunicorn.pid();
  }

  public int workers() {
    return workers;
  }

  /** The versions of Python, Flask, xgboost and gunicorn, for the report. */
  public static String versions() {
    return run(List.of(
            PYTHON,
            "-c",
            "import sys, xgboost, importlib.metadata as m; print('Python %s, Flask %s, xgboost"
                + " %s, gunicorn %s' % (sys.version.split()[0], m.version('flask'),"
                + " xgboost.__version__, m.version('gunicorn')))"))
        .strip();
  }

  @Override
  public void close() {
    gunicorn.destroy();
    try {
      if (!gunicorn.waitFor(30, TimeUnit.SECONDS)) {
        gunicorn.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a command to its end; returns what it printed, or fails with it. */
  public static String run(List<String> command) {
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      // No __pycache__ beside the sources in the repository.
      builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.getFirst(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
