package dev.scopeml.cli.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starts a detached process: its own session, stdin from /dev/null, output appended to a log. */
final class JavaProcess {

  private JavaProcess() {}

  /** This JVM's class path with absolute entries, for a process started in another directory. */
  static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  /** The java executable of this JVM: the JDK 25 the launcher found. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Starts {@code command} in a session of its own, so a Ctrl-C aimed at the command that started
   * it does not reach it; it runs until it is stopped by pid. The environment is this process's,
   * without the {@code unset} variables, plus {@code environment}; it runs in {@code directory}, so
   * whatever it writes by a relative path lands there, not where the user happened to be.
   */
  static Process startDetached(
      List<String> command,
      Map<String, String> environment,
      Set<String> unset,
      Path log,
      Path directory) {
    var full = new ArrayList<String>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      full.add("/usr/bin/setsid");
    }
    full.addAll(command);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      var builder =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .directory(directory.toFile());
      builder.environment().keySet().removeAll(unset);
      builder.environment().putAll(environment);
      return builder.start();
    } catch (IOException e) {
      throw new StackException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    }
  }
}
