package dev.scopeml.cli.stack;

import dev.scopeml.cli.stack.supervisor.EmbeddedDatabase;
import dev.scopeml.cli.stack.supervisor.StackSupervisor;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.TierState;
import dev.scopeml.processes.FileLocks;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stops what a stack whose supervisor is gone (killed, or the machine crashed) left running: the
 * processes its state files name, each checked to be the process that was started before it is
 * signalled, so a reused pid is never hit. Then removes the stale state.
 */
final class Leftovers {

  /** Scorer start times are taken just after the process starts: allow for a slow fork. */
  private static final Duration BACKEND_START_SLACK = Duration.ofSeconds(5);

  private final StackPaths paths;
  private final Consumer<String> steps;

  Leftovers(StackPaths paths, Consumer<String> steps) {
    this.paths = paths;
    this.steps = steps;
  }

  /**
   * Stops every leftover process, in the order the supervisor would have.
   *
   * @return what was stopped, e.g. "trainer (pid 123)"
   */
  List<String> clean(Optional<StackState> state) {
    var stopped = new ArrayList<String>();
    stopNginx(stopped);
    stopScorers(stopped);
    state
        .map(StackState::trainer)
        .filter(ProcessRef::isAlive)
        .ifPresent(trainer -> stop("trainer", trainer, Duration.ofSeconds(40), stopped));
    stopStrays(stopped);
    stopKafka(stopped);
    ProcessRef postmaster = EmbeddedDatabase.postmaster(paths.postgresData());
    if (postmaster != null && commandMentions(postmaster, "postgres")) {
      stop("postgres", postmaster, Duration.ofSeconds(30), stopped);
    }
    state
        .map(StackState::supervisor)
        .filter(ProcessRef::isAlive)
        .ifPresent(supervisor -> stop("supervisor", supervisor, Duration.ofSeconds(10), stopped));
    // A supervisor of this stack whose state is gone may still hold the embedded database's lock.
    FileLocks.holder(paths.postgresLock())
        .filter(this::isThisStacksSupervisor)
        .ifPresent(
            supervisor ->
                stop(
                    "supervisor holding the database lock",
                    supervisor,
                    Duration.ofSeconds(10),
                    stopped));
    try {
      Files.deleteIfExists(paths.trainerUrlFile());
    } catch (IOException e) {
      steps.accept("cannot remove " + paths.trainerUrlFile() + ": " + e.getMessage());
    }
    StackState.file(paths.stateFile()).delete();
    return stopped;
  }

  private boolean isThisStacksSupervisor(ProcessRef process) {
    String command = process.command() == null ? "" : process.command();
    return command.contains(StackSupervisor.class.getName())
        && command.contains(paths.home().toString());
  }

  private void stopNginx(List<String> stopped) {
    Path pidFile = paths.nginxPrefix().resolve("nginx.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      Optional<ProcessRef> master = ProcessHandle.of(pid).map(ProcessRef::of);
      if (master.isPresent() && commandMentions(master.get(), "nginx")) {
        // SIGTERM is nginx's fast shutdown: its workers exit with it.
        stop("nginx", master.get(), Duration.ofSeconds(10), stopped);
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | NumberFormatException e) {
      steps.accept("ignoring unreadable " + pidFile + ": " + e.getMessage());
    }
  }

  private void stopScorers(List<String> stopped) {
    var tierFile = TierState.file(paths.tierStateFile());
    tierFile
        .load()
        .ifPresent(
            tier -> {
              for (Backend backend : tier.backends()) {
                backendProcess(backend)
                    .ifPresent(
                        process ->
                            stop(
                                "scorer " + backend.id(),
                                process,
                                Duration.ofSeconds(40),
                                stopped));
              }
              tierFile.save(tier.withBackends(List.of()));
            });
  }

  /**
   * Processes of this stack that no state file names: a scorer whose start a Ctrl-C cut short
   * before the tier state recorded it, a trainer started just before its supervisor was killed.
   * Every java process the stack starts reads a secret file of this stack directory, named in its
   * environment, and nothing else does: that is how they are recognised.
   */
  private void stopStrays(List<String> stopped) {
    String secrets = "=" + paths.secrets() + "/";
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses()
        .filter(process -> process.pid() != self)
        .filter(process -> process.info().command().orElse("").endsWith("/java"))
        .filter(process -> environment(process).stream().anyMatch(v -> v.contains(secrets)))
        .toList()
        .forEach(
            stray ->
                stop(
                    "java process " + stray.info().commandLine().map(Leftovers::jar).orElse(""),
                    ProcessRef.of(stray),
                    Duration.ofSeconds(40),
                    stopped));
  }

  /**
   * The stack's Kafka broker, recognised by the configuration file of this stack directory on its
   * command line, whether or not the state recorded it before the supervisor died.
   */
  private void stopKafka(List<String> stopped) {
    String configuration = paths.kafkaDirectory().resolve("server.properties").toString();
    ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").contains(configuration))
        .toList()
        .forEach(broker -> stop("kafka", ProcessRef.of(broker), Duration.ofSeconds(30), stopped));
  }

  /** The jar a java command line runs, to name the process in messages. */
  private static String jar(String commandLine) {
    int jar = commandLine.indexOf(" -jar ");
    if (jar < 0) {
      return "";
    }
    String rest = commandLine.substring(jar + " -jar ".length()).strip();
    int end = rest.indexOf(' ');
    return Path.of(end < 0 ? rest : rest.substring(0, end)).getFileName().toString();
  }

  /** A process's environment as {@code NAME=value} entries; empty when it cannot be read. */
  private static List<String> environment(ProcessHandle process) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      return List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | RuntimeException e) {
      // Gone meanwhile, or another user's: not ours either way.
      return List.of();
    }
  }

  /** The backend's process if it runs and started when the backend was recorded. */
  private static Optional<ProcessRef> backendProcess(Backend backend) {
    return ProcessHandle.of(backend.pid())
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                backend.startedAt() == null
                    || process
                        .info()
                        .startInstant()
                        .map(
                            start ->
                                Duration.between(start, backend.startedAt())
                                        .abs()
                                        .compareTo(BACKEND_START_SLACK)
                                    <= 0)
                        .orElse(true))
        .map(ProcessRef::of);
  }

  private void stop(String what, ProcessRef process, Duration grace, List<String> stopped) {
    steps.accept("stopping leftover " + what + " (pid " + process.pid() + ")");
    process.stop(grace);
    stopped.add(what + " (pid " + process.pid() + ")");
  }

  /** A pid file may be older than a reboot: only signal a process that is what it should be. */
  private static boolean commandMentions(ProcessRef process, String name) {
    return process
        .live()
        .flatMap(handle -> handle.info().commandLine().or(() -> handle.info().command()))
        .map(command -> command.contains(name))
        .orElse(false);
  }
}
