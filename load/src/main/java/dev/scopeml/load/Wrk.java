package dev.scopeml.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs Debian's {@code wrk} (closed loop: each connection sends its next request when the last one
 * is answered) with keep-alive connections, POSTing one JSON body, and reads its report. wrk never
 * resends a request: for the benchmarks' peak figures, and for the check that a rollout costs such
 * a client nothing. An https URL is fine (wrk does not check the certificate).
 */
public final class Wrk {

  private static final String SCRIPT =
      """
      -- Written by ScopeML's load module: every request POSTs the same JSON body.
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/json"
      local file = io.open(os.getenv("SCOPEML_WRK_BODY"), "rb")
      wrk.body = file:read("*a")
      file:close()
      """;

  /** Makes every connection pause between its requests, so wrk offers a bounded rate. */
  private static final String PAUSE =
      """
      local pause = tonumber(os.getenv("SCOPEML_WRK_PAUSE_MS"))
      function delay()
        return pause
      end
      """;

  private final Path work;

  /**
   * @param work a folder for the Lua script and body files
   */
  public Wrk(Path work) {
    this.work = work;
  }

  /** The command line wrk runs with, for the report. */
  public static String describe(int threads, int connections, Duration duration) {
    return "wrk -t%d -c%d -d%ds --latency -s post.lua"
        .formatted(threads, connections, duration.toSeconds());
  }

  /** Loads {@code url} with {@code body} as fast as it answers and returns wrk's report. */
  public WrkReport run(String url, String body, int threads, int connections, Duration duration) {
    return run(url, body, threads, connections, duration, 0);
  }

  /**
   * Loads {@code url} with {@code body}, each connection pausing {@code pauseMillis} after every
   * answer (wrk's {@code delay()} hook): {@code connections} connections then offer about {@code
   * connections × 1000 / (pauseMillis + latency)} requests per second.
   */
  public WrkReport run(
      String url, String body, int threads, int connections, Duration duration, long pauseMillis) {
    return start(url, body, threads, connections, duration, pauseMillis).await();
  }

  /**
   * Starts wrk as {@link #run(String, String, int, int, Duration, long)} does, for at most {@code
   * duration}; {@link Running#stop()} ends it earlier.
   */
  public Running start(
      String url, String body, int threads, int connections, Duration duration, long pauseMillis) {
    try {
      Files.createDirectories(work);
      Path script = work.resolve(pauseMillis > 0 ? "post-paced.lua" : "post.lua");
      Files.writeString(script, pauseMillis > 0 ? SCRIPT + PAUSE : SCRIPT);
      Path bodyFile = Files.createTempFile(work, "body", ".json");
      Files.writeString(bodyFile, body);
      var process =
          new ProcessBuilder(
                  List.of(
                      "wrk",
                      "-t" + Math.min(threads, connections),
                      "-c" + connections,
                      "-d" + duration.toSeconds() + "s",
                      "--timeout",
                      "10s",
                      "--latency",
                      "-s",
                      script.toString(),
                      url))
              .redirectErrorStream(true);
      process.environment().put("SCOPEML_WRK_BODY", bodyFile.toString());
      process.environment().put("SCOPEML_WRK_PAUSE_MS", Long.toString(pauseMillis));
      return new Running(process.start(), bodyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk (apt-get install wrk)", e);
    }
  }

  /** wrk while it runs. */
  public static final class Running {

    private final Process wrk;
    private final Path bodyFile;

    private Running(Process wrk, Path bodyFile) {
      this.wrk = wrk;
      this.bodyFile = bodyFile;
    }

    /** Stops wrk now, as Ctrl-C does (it prints its report then), and returns its report. */
    public WrkReport stop() {
      try {
        new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot signal wrk", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping wrk", e);
      }
      return await();
    }

    /** Waits until wrk ends and returns its report. */
    public WrkReport await() {
      try {
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
          throw new IllegalStateException("wrk failed:\n" + output);
        }
        Files.deleteIfExists(bodyFile);
        return WrkReport.parse(output);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read wrk's report", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while wrk ran", e);
      }
    }
  }
}
