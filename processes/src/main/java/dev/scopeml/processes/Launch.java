package dev.scopeml.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start one process: its command, what it adds to or removes from this process's
 * environment, where its output goes and where it runs. Standard input is always {@code /dev/null}:
 * nothing ScopeML starts reads a terminal, and a process that did would hang a detached start.
 */
public final class Launch {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final List<String> command;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Set<String> unset = new HashSet<>();
  private Path log;
  private boolean append;
  private Path directory;
  private boolean ownSession;

  private Launch(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** A launch of {@code command} (executable first). */
  public static Launch of(List<String> command) {
    return new Launch(command);
  }

  /** Variables added to the inherited environment (credentials go here, not where ps shows). */
  public Launch environment(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Inherited variables the process must not see. */
  public Launch without(Set<String> names) {
    unset.addAll(names);
    return this;
  }

  /** Output and errors go to {@code file}, replacing what it held. */
  public Launch output(Path file) {
    this.log = file;
    this.append = false;
    return this;
  }

  /** Output and errors are appended to {@code file}, which keeps earlier runs' lines. */
  public Launch appendOutput(Path file) {
    this.log = file;
    this.append = true;
    return this;
  }

  /** The working directory: whatever the process writes by a relative path lands there. */
  public Launch in(Path workingDirectory) {
    this.directory = workingDirectory;
    return this;
  }

  /**
   * Runs the process in a session of its own, so a Ctrl-C aimed at whoever started it does not
   * reach it: it runs until it is stopped by pid.
   */
  public Launch ownSession() {
    this.ownSession = true;
    return this;
  }

  /**
   * Starts the process.
   *
   * @throws UncheckedIOException if it cannot be started or its log cannot be created
   */
  public Process start() {
    var full = new java.util.ArrayList<String>();
    if (ownSession && Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    var builder =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().keySet().removeAll(unset);
    builder.environment().putAll(environment);
    try {
      if (log != null) {
        Files.createDirectories(log.toAbsolutePath().getParent());
        builder.redirectOutput(
            append
                ? ProcessBuilder.Redirect.appendTo(log.toFile())
                : ProcessBuilder.Redirect.to(log.toFile()));
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    }
  }
}
