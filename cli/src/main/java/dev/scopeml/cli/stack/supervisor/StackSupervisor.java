package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.SecretFile;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierState;
import dev.scopeml.processes.JsonStateFile;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The detached process that owns the local stack. It starts the database (or connects to {@code
 * SCOPEML_DB_URL}), migrates it, creates the secrets and the scorers' read-only login, starts the
 * Kafka broker (or uses {@code SCOPEML_KAFKA_BOOTSTRAP}) with the stream's topics, starts the
 * trainer and the scorer tier, whose scorers join the stream's consumer group, then waits. On
 * SIGTERM it stops everything in reverse order and removes the stack state. Every step is saved to
 * the state file and printed to its log, which {@code up} and {@code down} follow.
 */
public final class StackSupervisor {

  /** A Kafka cluster of one's own instead of the local broker, {@code host:port[,…]}. */
  static final String KAFKA_BOOTSTRAP = "SCOPEML_KAFKA_BOOTSTRAP";

  /** Kafka client properties (security, credentials) for that cluster, in Kafka's format. */
  static final String KAFKA_CLIENT_FILE = "SCOPEML_KAFKA_CLIENT_FILE";

  private final StackPaths paths;
  private final JsonStateFile<StackState> stateFile;
  private final Deque<StackComponent> started = new ArrayDeque<>();
  private volatile boolean stopping;
  private StackState state;

  StackSupervisor(StackPaths paths) {
    this.paths = paths;
    this.stateFile = StackState.file(paths.stateFile());
  }

  /** {@code StackSupervisor <repo> <home>}; started by {@code scopeml up}, never by hand. */
  public static void main(String[] args) throws InterruptedException {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    if (args.length != 2) {
      System.err.println("usage: StackSupervisor <repo> <stack directory>");
      System.exit(2);
    }
    var supervisor = new StackSupervisor(new StackPaths(Path.of(args[0]), Path.of(args[1])));
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("stack-shutdown").unstarted(supervisor::stop));
    try {
      supervisor.start();
    } catch (RuntimeException e) {
      SupervisorLog.error(e.getMessage());
      e.printStackTrace(System.out);
      // Runs the shutdown hook: whatever did start is stopped again.
      System.exit(1);
    }
    // The stack runs in its own processes; this one only waits for SIGTERM.
    new CountDownLatch(1).await();
  }

  void start() {
    state = StackState.starting(ProcessRef.self());
    stateFile.save(state);
    SupervisorLog.step("supervisor running as pid " + ProcessHandle.current().pid());

    StackDatabase database = openDatabase();
    prepare(database);
    String kafka = openKafka();

    Map<String, String> spark = openSpark();

    int trainerPort = port("SCOPEML_TRAINER_PORT", 8081);
    TrainerProcess trainer = register(TrainerProcess.start(paths, database, trainerPort, spark));
    save(state.withTrainer(trainer.url(), trainer.ref()));
    SupervisorLog.step("trainer starting on " + trainer.url());

    startTier(database, kafka);

    trainer.awaitReady(Duration.ofMinutes(3));
    SupervisorLog.step("trainer ready on " + trainer.url());
    writeTrainerUrl(trainer.url());
    save(state.withStatus(StackState.UP));
    SupervisorLog.step("stack up");
  }

  /** The Spark cluster of {@code up --spark}; the trainer settings to use it, or none. */
  private Map<String, String> openSpark() {
    if (!StackSpark.requested()) {
      return Map.of();
    }
    SupervisorLog.step("starting Spark (a standalone Master and one Worker)");
    StackSpark spark = register(StackSpark.start(paths));
    SupervisorLog.step("spark master on " + spark.masterUrl());
    return spark.trainerEnvironment();
  }

  private StackDatabase openDatabase() {
    String external = System.getenv("SCOPEML_DB_URL");
    if (external != null && !external.isBlank()) {
      String user = System.getenv().getOrDefault("SCOPEML_DB_USER", "scopeml");
      String passwordFile = System.getenv("SCOPEML_DB_PASSWORD_FILE");
      Path password =
          passwordFile != null && !passwordFile.isBlank()
              ? Path.of(passwordFile)
              : paths.databasePasswordFile();
      if (!Files.exists(password)) {
        new SecretFile(password).write("");
      }
      var database = new StackDatabase(external, user, password, null);
      save(state.withDatabase(external, null));
      SupervisorLog.step("database: " + external + " as " + user + " (SCOPEML_DB_URL)");
      return database;
    }
    SupervisorLog.step("starting the embedded PostgreSQL (data in " + paths.postgresData() + ")");
    EmbeddedDatabase embedded = register(EmbeddedDatabase.start(paths));
    StackDatabase database = embedded.database();
    save(state.withDatabase(database.url(), database.postmaster()));
    SupervisorLog.step("embedded PostgreSQL on 127.0.0.1:" + embedded.port());
    return database;
  }

  /**
   * The local broker, or the cluster {@code SCOPEML_KAFKA_BOOTSTRAP} names, with the stream's
   * topics created if they are missing. A cluster the stack cannot create topics in is only warned
   * about: HTTP serving does not depend on it, and the scorers wait for the topics.
   */
  private String openKafka() {
    String external = System.getenv(KAFKA_BOOTSTRAP);
    String bootstrap;
    if (external != null && !external.isBlank()) {
      bootstrap = external.strip();
      save(state.withKafka(bootstrap, null));
      SupervisorLog.step("kafka: " + bootstrap + " (" + KAFKA_BOOTSTRAP + ")");
    } else {
      SupervisorLog.step(
          "starting Kafka (KRaft, one node; data in " + paths.kafkaDirectory() + ")");
      // Any free port unless chosen: clients find it in the stack's state (status shows it), and
      // a Kafka of the user's own on 9092 is left alone.
      int port = configuredPort("SCOPEML_KAFKA_PORT").orElseGet(LoopbackPorts::free);
      StackKafka kafka = register(StackKafka.start(paths, port));
      bootstrap = kafka.bootstrapServers();
      save(state.withKafka(bootstrap, kafka.process()));
      SupervisorLog.step("kafka on " + bootstrap);
    }
    StreamTopics topics = StreamTopics.defaults();
    try {
      List<String> created =
          topics.ensure(
              ClientProperties.of(bootstrap, clientFile()),
              StreamTopics.PARTITIONS,
              Duration.ofMinutes(1));
      SupervisorLog.step(
          "stream topics "
              + topics.requests()
              + ", "
              + topics.results()
              + ", "
              + topics.deadLetters()
              + (created.isEmpty() ? " (already there)" : " (created " + created.size() + ")"));
    } catch (RuntimeException e) {
      SupervisorLog.step(
          "WARNING: cannot create the stream's topics in "
              + bootstrap
              + ": "
              + e.getMessage()
              + "; the scorers consume once they exist");
    }
    return bootstrap;
  }

  /** A Kafka client properties file for a cluster that asks for credentials, or null. */
  private static Path clientFile() {
    String file = System.getenv(KAFKA_CLIENT_FILE);
    return file == null || file.isBlank() ? null : Path.of(file);
  }

  /** Schema, the scorers' read-only login and the trainer's admin token. */
  private void prepare(StackDatabase database) {
    try (var pool = Database.pool(database.adminSettings())) {
      Database.migrate(pool);
      Database.ensureReaderLogin(
          pool, LocalTier.SCORER_LOGIN, new SecretFile(paths.scorerPasswordFile()).readOrCreate());
    }
    new SecretFile(paths.adminTokenFile()).readOrCreate();
    SupervisorLog.step(
        "schema migrated; scorers log in as "
            + LocalTier.SCORER_LOGIN
            + " (read-only); admin token in "
            + paths.adminTokenFile());
  }

  private void startTier(StackDatabase database, String kafka) {
    register(new TierComponent());
    try (var tier = LocalTier.open(paths, SupervisorLog::step, SupervisorLog::step)) {
      ScorerRelease release = release(tier, database, kafka);
      if (tier.balanced()) {
        FrontDoor door = FrontDoors.fromEnvironment(port("SCOPEML_NGINX_PORT", 8080));
        tier.reset(door, release);
        // Saved before nginx starts, so a failure half way still leaves its address to clean up.
        save(state.withNginx(door.url()));
        tier.controller().up(door, release, LocalTier.SCORERS);
      } else {
        SupervisorLog.step(
            "WARNING: nginx is not installed: the scorers are not behind a load balancer; clients"
                + " call them directly (install nginx for one address and zero-downtime rollouts)");
        tier.reset(FrontDoor.http(0), release);
        tier.controller().scale(LocalTier.SCORERS);
      }
    }
  }

  /** The release the tier ran last (a rollout survives down and up), or the first one. */
  private ScorerRelease release(LocalTier tier, StackDatabase database, String kafka) {
    return tier.state()
        .map(TierState::release)
        .filter(saved -> Files.isRegularFile(Path.of(saved.artifact())))
        .map(saved -> scorerRelease(saved.version(), saved.artifact(), database, kafka))
        .orElseGet(
            () ->
                scorerRelease(
                    LocalTier.FIRST_RELEASE, paths.scorerJar().toString(), database, kafka));
  }

  /**
   * The release new scorers start from: the given version label and jar, with the stack's read-only
   * login, consuming the stream's requests from {@code kafka} in the default group.
   */
  private ScorerRelease scorerRelease(
      String version, String jar, StackDatabase database, String kafka) {
    var environment = new LinkedHashMap<String, String>();
    environment.put("SCOPEML_DB_URL", database.url());
    environment.put("SCOPEML_DB_USER", LocalTier.SCORER_LOGIN);
    environment.put("SCOPEML_DB_PASSWORD_FILE", paths.scorerPasswordFile().toString());
    environment.put("SCOPEML_SCORER_KAFKA_ENABLED", "true");
    environment.put("SCOPEML_SCORER_KAFKA_BOOTSTRAP_SERVERS", kafka);
    Path clientFile = clientFile();
    if (clientFile != null) {
      environment.put("SCOPEML_SCORER_KAFKA_CLIENT_FILE", clientFile.toAbsolutePath().toString());
    }
    return new ScorerRelease(version, jar, environment, List.of());
  }

  /** The port named by {@code variable}, else {@code preferred} when free, else any free one. */
  private static int port(String variable, int preferred) {
    return configuredPort(variable).orElseGet(() -> preferredPort(variable, preferred));
  }

  /** The port named by {@code variable}, checked to be free. */
  private static Optional<Integer> configuredPort(String variable) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank()) {
      int port = Integer.parseInt(configured.strip());
      if (!LoopbackPorts.isFree(port)) {
        throw new StackException(variable + "=" + port + " is taken on 127.0.0.1");
      }
      return Optional.of(port);
    }
    return Optional.empty();
  }

  private static int preferredPort(String variable, int preferred) {
    int port = LoopbackPorts.preferredOrFree(preferred);
    if (port != preferred) {
      SupervisorLog.step(
          "port " + preferred + " is taken; using " + port + " (set " + variable + " to choose)");
    }
    return port;
  }

  /** Remembers a started component for the shutdown, or stops it at once if shutdown began. */
  private synchronized <T extends StackComponent> T register(T component) {
    if (stopping) {
      component.stop();
      throw new StackException("stopping: " + component.name() + " started too late");
    }
    started.push(component);
    return component;
  }

  private synchronized void save(StackState next) {
    state = next;
    if (!stopping) {
      stateFile.save(next);
    }
  }

  /**
   * The shutdown hook: everything in reverse order of starting, then the state is removed. The
   * components are stopped outside the monitor: the start sequence may still be inside a tier
   * operation, and the tier's shutdown waits for that operation's lock.
   */
  void stop() {
    Deque<StackComponent> toStop;
    synchronized (this) {
      stopping = true;
      if (state != null && stateFile.load().isPresent()) {
        stateFile.save(state.withStatus(StackState.STOPPING));
      }
      toStop = new ArrayDeque<>(started);
      started.clear();
    }
    SupervisorLog.step("stopping");
    for (StackComponent component : toStop) {
      try {
        component.stop();
        SupervisorLog.step("stopped " + component.name());
      } catch (RuntimeException e) {
        SupervisorLog.error("stopping " + component.name() + " failed: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(paths.trainerUrlFile());
    } catch (IOException e) {
      SupervisorLog.error("cannot remove " + paths.trainerUrlFile() + ": " + e.getMessage());
    }
    stateFile.delete();
    SupervisorLog.step("stack down");
  }

  private void writeTrainerUrl(String url) {
    try {
      Files.writeString(paths.trainerUrlFile(), url + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + paths.trainerUrlFile(), e);
    }
  }

  /** The scorers and nginx, stopped through the tier state so scorers added later go too. */
  private final class TierComponent implements StackComponent {

    @Override
    public String name() {
      return "nginx and scorers";
    }

    @Override
    public void stop() {
      try (var tier = LocalTier.open(paths, SupervisorLog::step, SupervisorLog::step)) {
        tier.controller().down();
      }
    }
  }
}
