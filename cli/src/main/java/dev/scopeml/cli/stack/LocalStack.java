package dev.scopeml.cli.stack;

import dev.scopeml.cli.stack.supervisor.StackSupervisor;
import dev.scopeml.cli.stack.supervisor.SupervisorLog;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.ScrapeTargets;
import dev.scopeml.nginx.TierState;
import dev.scopeml.processes.FileLocks;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.Launch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code up} and {@code down}: starts the supervisor detached and follows its log until the stack
 * is up, or signals it and follows it until everything is stopped. Both are idempotent, and both
 * clean up after a supervisor that was killed.
 */
public final class LocalStack {

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(4);

  /** Never handed to the supervisor: it reads secrets from files and passes on only files. */
  private static final Set<String> SECRETS =
      Set.of("SCOPEML_DB_PASSWORD", "SCOPEML_ADMIN_TOKEN", "SCOPEML_ADMIN_TOKEN_FILE");

  private final StackPaths paths;
  private final PrintWriter out;
  private final Map<String, String> environment;
  private final JsonStateFile<StackState> stateFile;

  /**
   * @param paths where the stack lives
   * @param out where progress goes
   * @param environment variables for the supervisor on top of this process's (ports, database)
   */
  public LocalStack(StackPaths paths, PrintWriter out, Map<String, String> environment) {
    this.paths = paths;
    this.out = out;
    this.environment = Map.copyOf(environment);
    this.stateFile = StackState.file(paths.stateFile());
  }

  public StackPaths paths() {
    return paths;
  }

  /** The state of a running stack: saved, and its supervisor alive. */
  public Optional<StackState> running() {
    return stateFile.load().filter(state -> state.supervisor().isAlive());
  }

  /** Brings the stack up, or reports that it is up already; returns its state once it is up. */
  public StackState up() {
    try (var _ = LockFile.acquire(paths.stackLock(), UP_TIMEOUT, this::say)) {
      Optional<StackState> saved = stateFile.load();
      if (saved.isPresent() && saved.get().supervisor().isAlive()) {
        StackState state = saved.get();
        if (state.isUp()) {
          say("The local stack is already up (supervisor pid " + state.supervisor().pid() + ").");
          return state;
        }
        ProcessHandle supervisor = state.supervisor().live().orElseThrow();
        if (state.status().equals(StackState.STARTING)) {
          say("The local stack is starting (supervisor pid " + supervisor.pid() + "); waiting.");
          return follow(supervisor, new LogFollower(paths.supervisorLog()));
        }
        say("The local stack is stopping (supervisor pid " + supervisor.pid() + "); waiting.");
        state.supervisor().awaitExit(DOWN_TIMEOUT);
      } else if (saved.isPresent()) {
        say(
            "The stack's supervisor (pid "
                + saved.get().supervisor().pid()
                + ") is gone: cleaning up what it left.");
      }
      new Leftovers(paths, message -> say("  " + message)).clean(saved);
      refuseIfTheDatabaseIsLocked();
      return launch();
    }
  }

  /**
   * Stops the stack and waits until every process it started is gone.
   *
   * @return whether there was anything to stop
   */
  public boolean down() {
    try (var _ = LockFile.acquire(paths.stackLock(), DOWN_TIMEOUT, this::say)) {
      Optional<StackState> saved = stateFile.load();
      Optional<ProcessHandle> supervisor = saved.flatMap(state -> state.supervisor().live());
      if (supervisor.isPresent()) {
        say("Stopping the local stack (supervisor pid " + supervisor.get().pid() + ")");
        var log = new LogFollower(paths.supervisorLog());
        supervisor.get().destroy();
        long deadline = System.nanoTime() + DOWN_TIMEOUT.toNanos();
        while (supervisor.get().isAlive() && System.nanoTime() < deadline) {
          printSteps(log);
          pause();
        }
        printSteps(log);
        if (supervisor.get().isAlive()) {
          say("  the supervisor did not finish within " + DOWN_TIMEOUT.toMinutes() + " min");
          supervisor.get().destroyForcibly();
        }
      } else if (saved.isPresent()) {
        say(
            "The stack's supervisor (pid "
                + saved.get().supervisor().pid()
                + ") is gone: stopping what it left.");
      }
      List<String> leftovers = new Leftovers(paths, message -> say("  " + message)).clean(saved);
      if (saved.isEmpty() && leftovers.isEmpty()) {
        say("The local stack is not running.");
        return false;
      }
      say("The local stack is down.");
      return true;
    }
  }

  /**
   * Another process on the embedded database's data directory would make PostgreSQL refuse to start
   * with "could not lock"; name it and the way out instead.
   */
  private void refuseIfTheDatabaseIsLocked() {
    FileLocks.holder(paths.postgresLock())
        .ifPresent(
            holder -> {
              throw new StackException(
                  "the embedded PostgreSQL's data directory "
                      + StackPaths.show(paths.postgresData())
                      + " is locked by "
                      + holder.describe()
                      + ", which is not this stack's: stop it (kill "
                      + holder.pid()
                      + ") and run ./scopeml up again");
            });
  }

  private StackState launch() {
    try {
      Files.createDirectories(paths.logs());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + paths.logs(), e);
    }
    var follower = new LogFollower(paths.supervisorLog());
    var command =
        new ArrayList<>(
            // It only waits and supervises: a small heap and a simple collector suffice.
            JavaCommand.main(List.of("-Xmx256m", "-XX:+UseSerialGC"), StackSupervisor.class));
    command.add(paths.repo().toString());
    command.add(paths.home().toString());
    Process supervisor;
    try {
      // A session of its own, so a Ctrl-C in the terminal that ran `up` does not reach the stack.
      supervisor =
          Launch.of(command)
              .environment(supervisorEnvironment())
              .without(SECRETS)
              .appendOutput(paths.supervisorLog())
              .in(paths.home())
              .ownSession()
              .start();
    } catch (UncheckedIOException e) {
      throw new StackException(e.getMessage(), e);
    }
    say(
        "Starting the local stack in "
            + StackPaths.show(paths.home())
            + " (supervisor pid "
            + supervisor.pid()
            + ", log "
            + StackPaths.show(paths.supervisorLog())
            + ")");
    return follow(supervisor.toHandle(), follower);
  }

  /** An external database's password moves from the environment into a secret file. */
  private Map<String, String> supervisorEnvironment() {
    var variables = new HashMap<String, String>(environment);
    String password = System.getenv("SCOPEML_DB_PASSWORD");
    if (password != null
        && !password.isEmpty()
        && System.getenv("SCOPEML_DB_PASSWORD_FILE") == null
        && !variables.containsKey("SCOPEML_DB_PASSWORD_FILE")) {
      var secret = new SecretFile(paths.databasePasswordFile());
      secret.write(password);
      variables.put("SCOPEML_DB_PASSWORD_FILE", secret.path().toString());
    }
    return variables;
  }

  /** Prints the supervisor's steps until the stack is up; fails if the supervisor gives up. */
  private StackState follow(ProcessHandle supervisor, LogFollower log) {
    long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
    while (true) {
      printSteps(log);
      Optional<StackState> state = stateFile.load();
      if (state.isPresent()
          && state.get().isUp()
          && state.get().supervisor().pid() == supervisor.pid()) {
        return state.get();
      }
      if (!supervisor.isAlive()) {
        printSteps(log);
        throw new StackException(
            "the local stack did not start"
                + (log.lastError() == null ? "" : ": " + log.lastError())
                + "; see "
                + StackPaths.show(paths.supervisorLog()));
      }
      if (System.nanoTime() > deadline) {
        supervisor.destroy();
        throw new StackException(
            "the local stack was not up within "
                + UP_TIMEOUT.toMinutes()
                + " min and is being stopped; see "
                + StackPaths.show(paths.supervisorLog()));
      }
      pause();
    }
  }

  /** What to do with a stack that is up: its addresses, the token and the next commands. */
  public void printSummary(StackState state) {
    Optional<TierState> tier = TierState.file(paths.tierStateFile()).load();
    int scorers = tier.map(t -> t.backends().size()).orElse(0);
    String token = StackPaths.show(paths.adminTokenFile());
    say("");
    say("The local stack is up:");
    if (state.nginxUrl() != null) {
      say(
          "  predictions  "
              + state.nginxUrl()
              + "/v1/models/<model>/predict   (nginx in front of "
              + scorers
              + " scorers)");
    } else {
      say("  predictions  (no nginx: call a scorer directly)");
      for (Backend backend : tier.map(TierState::backends).orElse(List.of())) {
        say("               http://" + backend.address() + "/v1/models/<model>/predict");
      }
    }
    say(
        "  operators    ./scopeml status lists each scorer's operator address (probes, metrics,"
            + " model metadata); Prometheus targets in "
            + StackPaths.show(ScrapeTargets.beside(paths.tierStateFile())));
    say("  trainer      " + state.trainerUrl() + "   (admin API: bearer token below)");
    say("  admin token  " + token + "   (readable by you only)");
    say("  database     " + state.databaseUrl());
    if (state.kafkaBootstrap() != null) {
      say(
          "  kafka        "
              + state.kafkaBootstrap()
              + "   (requests to "
              + StreamTopics.REQUESTS
              + ", results in "
              + StreamTopics.RESULTS
              + ", refusals in "
              + StreamTopics.DEAD_LETTERS
              + ")");
    }
    SparkClusterState.file(paths)
        .load()
        .ifPresent(
            spark ->
                say(
                    "  spark        "
                        + spark.masterUrl()
                        + "   (train with --engine spark; Master UI port in "
                        + StackPaths.show(paths.logs().resolve("spark/master.log"))
                        + ")"));
    say("  logs         " + StackPaths.show(paths.logs()) + "/");
    say("Try:");
    say(
        "  ./scopeml train --model churn --csv telco_churn.csv --label churn --scope-by contract"
            + " --global");
    say(
        "  curl -s -H \"Authorization: Bearer $(cat "
            + token
            + ")\" "
            + state.trainerUrl()
            + "/v1/models");
    if (state.kafkaBootstrap() != null) {
      say("  ./scopeml stream --model churn --csv telco_churn.csv");
    }
    say("  ./scopeml status      ./scopeml down");
  }

  private void printSteps(LogFollower log) {
    for (String line : log.poll()) {
      if (line.startsWith(SupervisorLog.STEP)) {
        say("  " + line.substring(SupervisorLog.STEP.length()));
      } else if (line.startsWith(SupervisorLog.ERROR)) {
        say("  error: " + line.substring(SupervisorLog.ERROR.length()));
      }
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted");
    }
  }
}
