package dev.scopeml.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion and returns its exit code and combined output. */
@FunctionalInterface
public interface CommandRunner {

  /** The exit code and output (stdout and stderr together) of a finished command. */
  record Result(int exitCode, String output) {
    /** The output, or a {@link TierException} saying what failed if the exit code is not 0. */
    String orThrow(String what) {
      if (exitCode != 0) {
        throw new TierException(what + " failed (exit " + exitCode + "): " + output.strip());
      }
      return output;
    }
  }

  Result run(List<String> command, Map<String, String> environment, Duration timeout);

  /** Runs commands as local processes. */
  static CommandRunner processes() {
    return (command, environment, timeout) -> {
      try {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new TierException(command.getFirst() + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), output);
      } catch (IOException e) {
        throw new TierException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TierException("interrupted while running " + command.getFirst(), e);
      }
    };
  }
}
