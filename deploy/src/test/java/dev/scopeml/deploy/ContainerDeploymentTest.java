package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Resend;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.CommandRunner;
import dev.scopeml.nginx.ContainerTier;
import dev.scopeml.nginx.ContainerTierDriver;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.processes.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deployment run as containers: the images built from the repository's Dockerfiles ({@code
 * deploy/images/build.sh}, on the stand-in base images of {@code deploy/standins} where no registry
 * is reached), then PostgreSQL, the trainer, two scorers and nginx started as containers with the
 * compose file's images, environment, secrets as files, mounts, healthchecks and limits, on the
 * host's network (every address 127.0.0.1, every port a free one); Kafka is left out ({@code
 * SCOPEML_SCORER_KAFKA_ENABLED=false}), ContainerRehearsalTest covers the stream. The scorers and
 * nginx are the tier controller's, through {@link ContainerTierDriver}. One deployment serves every
 * test, in order.
 *
 * <p>The stand-ins were checked against these contracts of the images they stand in for: the
 * Temurin JRE's {@code java} on PATH under {@code /opt/java/openjdk} with apt working (the base
 * image builds from it unchanged); PostgreSQL's {@code POSTGRES_*_FILE} variables and its init
 * scripts run once before the server listens on TCP (the scorer's login, made by the init script
 * from its secret, must work, and a password is required); nginx's configuration mount and {@code
 * /docker-entrypoint.d} scripts, nginx as PID 1 with its workers as children (the controller
 * reloads it and finds the new workers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerDeploymentTest {

  private static final Duration HEALTHY = Duration.ofMinutes(4);
  private static final String BODY =
      "{\"scope\":{\"contract\":\"One year\"},\"instances\":[{\"tenure\":12,\"monthly_charges\":50.5}]}";
  private static final String PREDICT = "/v1/models/churn/predict";

  private final Path repository = Repository.root();
  private final Path work = repository.resolve("deploy/target/containers-test");
  private final String project = "scopeml-test-" + Long.toString(System.nanoTime() % 100_000, 36);
  private final HttpClient http = HttpClient.newHttpClient();

  private ContainerEngine engine;
  private ComposeFile compose;
  private ComposeRunOptions options;
  private TierController tier;
  private String scorerImage;
  private String adminToken;
  private int trainerPort;
  private int httpPort;

  @BeforeAll
  void deploy() throws Exception {
    Files.createDirectories(work);
    engine = new ContainerEngine(repository, work);
    buildImages();
    compose = Repository.deployment().compose();
    Path secrets = secrets();
    int postgresPort = LoopbackPorts.free();
    int controlPort = LoopbackPorts.free();
    trainerPort = LoopbackPorts.free();
    httpPort = LoopbackPorts.free();
    options =
        new ComposeRunOptions(
            compose,
            Map.of("SCOPEML_SCORER_KAFKA_ENABLED", "false"),
            secrets,
            project,
            Map.of(
                "postgres:5432", "127.0.0.1:" + postgresPort,
                "127.0.0.1:8088", "127.0.0.1:" + controlPort),
            engine.podman());

    startPostgres(postgresPort);
    Duration trainer = startTrainer();
    System.out.printf("trainer container: start -> healthy %.1f s%n", trainer.toMillis() / 1e3);
    train();

    ComposeService scorer = service("scorer");
    scorerImage = Interpolation.defaults(scorer.image());
    Path upstream = work.resolve(project + "/upstream/upstream.conf");
    var tierSettings =
        new ContainerTier(
            engine.command(),
            project,
            options.of(scorer, Map.of(), Map.of()),
            Interpolation.defaults(service("nginx").image()),
            options.of(
                service("nginx"),
                Map.of(),
                Map.of(
                    "/etc/nginx/nginx.conf", nginxConfig(controlPort),
                    "/etc/nginx/scopeml-upstream", upstream.getParent())),
            upstream,
            controlPort);
    tier =
        new TierController(
            new ContainerTierDriver(CommandRunner.processes(), tierSettings),
            TierState.file(work.resolve(project + "/tier.json")),
            TierTimeouts.readyWithin(HEALTHY),
            message -> System.out.println("tier: " + message));
    long started = System.nanoTime();
    tier.up(FrontDoor.http(httpPort), new ScorerRelease("0.1.0", scorerImage, null, null), 2);
    System.out.printf(
        "two scorer containers and nginx: start -> healthy and balanced %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  void tearDown() {
    if (tier != null) {
      tier.down();
    }
    if (engine != null) {
      engine.run("rm", "-f", "-t", "10", project + "-trainer", project + "-postgres");
      engine.run("volume", "rm", "-f", project + "-postgres-data", project + "-trainer-data");
      engine.run("rmi", scorerImage + "-next");
    }
  }

  @Test
  @Order(1)
  void predictionsPassThroughTheNginxContainerToHealthyScorerContainers() throws Exception {
    HttpResponse<String> response = post(httpPort, PREDICT, BODY, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"predictions\"");
    for (Backend backend : tier.status().backends()) {
      assertThat(engine.inspect(backend.id(), "{{.State.Health.Status}}"))
          .as("the image's healthcheck of %s", backend.id())
          .isEqualTo("healthy");
    }
  }

  @Test
  @Order(3)
  void theTrainerAndTheScorersRunAsUid10001OnAReadOnlyRootFilesystem() {
    var containers = new ArrayList<String>();
    containers.add(project + "-trainer");
    tier.status().backends().forEach(backend -> containers.add(backend.id()));
    for (String container : containers) {
      assertThat(engine.inspect(container, "{{.Config.User}}"))
          .as(container)
          .isEqualTo("10001:10001");
      assertThat(engine.require("id in " + container, "exec", container, "id", "-u"))
          .as("the user a process in %s runs as", container)
          .isEqualTo("10001");
      assertThat(engine.inspect(container, "{{.HostConfig.ReadonlyRootfs}}"))
          .as(container)
          .isEqualTo("true");
      CommandRunner.Result write = engine.run("exec", container, "touch", "/app/written");
      assertThat(write.exitCode()).as("writing into %s's root filesystem", container).isNotZero();
      assertThat(write.output()).contains("Read-only file system");
      assertThat(engine.run("exec", container, "touch", "/tmp/written").exitCode())
          .as("writing into %s's /tmp", container)
          .isZero();
    }
  }

  @Test
  @Order(2)
  void theDatabaseContainerRanTheInitScriptAndDemandsPasswords() {
    String container = project + "-postgres";
    String query = "psql -h 127.0.0.1 -U scopeml_scorer -d scopeml -tAc 'SELECT current_user'";
    assertThat(
            engine.require(
                "the scorer's login",
                "exec",
                container,
                "sh",
                "-c",
                "PGPASSWORD=$(cat $SCOPEML_SCORER_PASSWORD_FILE) " + query))
        .as("the login the init script made from the scorer's secret")
        .isEqualTo("scopeml_scorer");
    CommandRunner.Result wrong =
        engine.run("exec", container, "sh", "-c", "PGPASSWORD=wrong " + query);
    assertThat(wrong.exitCode()).as("a wrong password over TCP").isNotZero();
    assertThat(wrong.output()).contains("password authentication failed");
  }

  @Test
  @Order(4)
  void aKilledAndAGracefullyStoppedScorerContainerFailNoRequest() throws Exception {
    try (HttpLoad.Running load = load()) {
      List<Backend> backends = tier.status().backends();
      engine.require("killing a scorer", "kill", backends.get(0).id());
      Thread.sleep(3000);
      tier.scale(2);
      Thread.sleep(2000);
      engine.require("stopping a scorer", "stop", "-t", "40", backends.get(1).id());
      Thread.sleep(3000);
      tier.scale(2);
      LoadResult result = load.stop();
      System.out.printf(
          "kill and stop under load: %d requests, %d failed%n",
          result.samples().size(), result.failures());
      assertThat(result.samples()).as("requests sent").hasSizeGreaterThan(100);
      assertThat(result.failed()).as("requests failed for a client that never resends").isEmpty();
    }
    assertThat(tier.status().backends()).hasSize(2);
  }

  @Test
  @Order(5)
  void theTierControllerRollsTheScorersOutToANewImageTagFailingNoRequest() throws Exception {
    String next = scorerImage + "-next";
    engine.require("tagging the scorer image", "tag", scorerImage, next);
    RolloutResult rollout;
    LoadResult result;
    try (HttpLoad.Running load = load()) {
      rollout = tier.rollout(new ScorerRelease("0.1.0-next", next, null, null));
      result = load.stop();
    }
    System.out.printf(
        "rollout to %s: %d replaced in %.1f s; %d requests, %d failed%n",
        next,
        rollout.replaced(),
        rollout.duration().toMillis() / 1e3,
        result.samples().size(),
        result.failures());
    assertThat(rollout.succeeded()).as(rollout.failure()).isTrue();
    assertThat(rollout.replaced()).isEqualTo(2);
    assertThat(result.samples()).as("requests sent").hasSizeGreaterThan(100);
    assertThat(result.failed()).as("requests failed for a client that never resends").isEmpty();
    for (Backend backend : tier.status().backends()) {
      assertThat(engine.inspect(backend.id(), "{{.ImageName}}"))
          .as("the image %s runs", backend.id())
          .endsWith(next);
    }
  }

  private void buildImages() {
    var standins =
        CommandRunner.processes()
            .run(
                List.of(
                    repository.resolve("deploy/standins/build.sh").toString(),
                    "--postgres-binaries",
                    postgresBinaries().toString()),
                Map.of(
                    "SCOPEML_CONTAINERS_DIR",
                    work.toString(),
                    "JAVA_HOME",
                    System.getProperty("java.home")),
                Duration.ofMinutes(15));
    assertThat(standins.exitCode()).as(standins.output()).isZero();
    var images =
        CommandRunner.processes()
            .run(
                List.of(repository.resolve("deploy/images/build.sh").toString()),
                Map.of("SCOPEML_CONTAINERS_DIR", work.toString()),
                Duration.ofMinutes(15));
    assertThat(images.exitCode()).as(images.output()).isZero();
    System.out.println(standins.output() + images.output());
  }

  /** The PostgreSQL binaries jar the tests' embedded server runs, which the stand-in is made of. */
  private static Path postgresBinaries() {
    try {
      var resource =
          ContainerDeploymentTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
      assertThat(resource).as("the PostgreSQL binaries on the test class path").isNotNull();
      String jar = resource.toString().replaceFirst("^jar:", "").replaceFirst("!/.*$", "");
      return Path.of(new URI(jar));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every secret of the compose file, made up, in a folder only its owner lists. */
  private Path secrets() throws IOException {
    Path folder = work.resolve(project + "/secrets");
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    var random = new SecureRandom();
    for (String name : compose.secretFiles().keySet()) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      Path file = folder.resolve(name);
      Files.writeString(file, HexFormat.of().formatHex(bytes));
      // Read by uid 10001 and 70 in the containers, as deploy/secrets/README.md says.
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    adminToken = Files.readString(folder.resolve("admin_token"));
    return folder;
  }

  private void startPostgres(int port) throws InterruptedException {
    // On the host's network 127.0.0.1 is every local process's address: passwords there too.
    start(
        "postgres",
        Map.of(
            "PGPORT", Integer.toString(port), "POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256"),
        "postgres",
        "-c",
        "listen_addresses=127.0.0.1");
  }

  private Duration startTrainer() throws InterruptedException {
    return start(
        "trainer",
        Map.of("SERVER_PORT", Integer.toString(trainerPort), "SERVER_ADDRESS", "127.0.0.1"));
  }

  /**
   * Runs a compose service as a container named after it, with {@code environment} added, and
   * returns once it is healthy: how long that took.
   */
  private Duration start(String name, Map<String, String> environment, String... arguments)
      throws InterruptedException {
    ComposeService service = service(name);
    String container = project + "-" + name;
    var command = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", "host"));
    command.addAll(options.of(service, environment, Map.of()));
    command.add(service.image());
    command.addAll(List.of(arguments));
    long started = System.nanoTime();
    engine.require("starting " + name, command.toArray(String[]::new));
    return engine.awaitHealthy(container, started, HEALTHY);
  }

  /** Telco churn by contract, from the data sets the trainer container mounts read-only. */
  private void train() throws Exception {
    HttpResponse<String> created =
        post(
            trainerPort,
            "/v1/runs",
            "{\"model\":\"churn\",\"source\":{\"csv\":\"datasets/telco_churn.csv\"},"
                + "\"label\":\"churn\",\"scopeBy\":[\"contract\"],\"params\":{\"trees\":30}}",
            adminToken);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String run = field(created.body(), "run");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    String view;
    do {
      Thread.sleep(1000);
      view =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + trainerPort + "/v1/runs/" + run))
                      .header("Authorization", "Bearer " + adminToken)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } while (field(view, "finishedAt") == null && System.nanoTime() < deadline);
    assertThat(field(view, "finishedAt")).as("the run finished: %s", view).isNotNull();
    assertThat(field(view, "succeeded")).as(view).isEqualTo(field(view, "total")).isNotEqualTo("0");
  }

  private Path nginxConfig(int controlPort) throws IOException {
    Map<String, String> values =
        new java.util.LinkedHashMap<>(
            NginxComposeConfig.values(
                repository.resolve(Deployment.NGINX_DIR + "/nginx.conf.values")));
    values.put("listen", "127.0.0.1:" + httpPort);
    values.put("control", "127.0.0.1:" + controlPort);
    Path file = work.resolve(project + "/nginx.conf");
    Files.writeString(file, NginxComposeConfig.render(values));
    return file;
  }

  private HttpLoad.Running load() {
    return HttpLoad.start(
        HttpLoad.Settings.of(httpPort, List.of(HttpRequests.postJson(httpPort, PREDICT, BODY)))
            .withConnections(4)
            .withPause(Duration.ofMillis(20))
            .withDuration(Duration.ofMinutes(5))
            .withResend(Resend.NEVER));
  }

  private HttpResponse<String> post(int port, String path, String body, String token)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private ComposeService service(String name) {
    return compose.service(name).orElseThrow();
  }

  /** A top-level scalar of a JSON object, without its quotes; null when absent or null. */
  private static String field(String json, String name) {
    Matcher matcher =
        Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.a-z]+)").matcher(json);
    if (!matcher.find() || matcher.group(1).equals("null")) {
      return null;
    }
    return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
  }
}
