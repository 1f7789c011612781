package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each check fails on a copy of the deployment broken in the way it guards against: a copy left
 * alone passes, and one change makes the named problem appear.
 */
class BrokenDeploymentTest {

  private static final String COMPOSE = "docker-compose.yml";
  private static final String TRAINER = "trainer/Dockerfile";
  private static final String SCORER = "scorer/Dockerfile";
  private static final String BASE = "base-image/Dockerfile";

  @TempDir Path folder;

  @Test
  void anUnchangedCopyPasses() {
    assertThat(DeploymentCopy.of(Repository.root(), folder).problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void reportsTheBreakage(Consumer<DeploymentCopy> breakage, String expected) {
    var copy = DeploymentCopy.of(Repository.root(), folder);
    breakage.accept(copy);
    assertThat(copy.problems()).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        // jars and layers
        broken(
            "a jar the module does not package",
            c -> c.replace(TRAINER, "target/scopeml-trainer.jar", "target/trainer.jar"),
            "copies target/trainer.jar but the module packages target/scopeml-trainer.jar"),
        broken(
            "a jar not built yet",
            c -> relink(c, "scorer/target"),
            "which the build has not produced"),
        broken(
            "layers out of order",
            c ->
                c.replace(SCORER, "extracted/dependencies/ ./", "extracted/swapped/ ./")
                    .replace(SCORER, "extracted/application/ ./", "extracted/dependencies/ ./")
                    .replace(SCORER, "extracted/swapped/ ./", "extracted/application/ ./"),
            "copies the layers [application, spring-boot-loader, snapshot-dependencies,"
                + " dependencies]"),
        broken(
            "a main class the jar lacks",
            c -> c.replace(BASE, "launch.JarLauncher", "launch.WarLauncher2"),
            "launches org.springframework.boot.loader.launch.WarLauncher2"),
        // environment
        broken(
            "a misspelt property variable",
            c ->
                c.replace(
                    COMPOSE, "      SCOPEML_TRAINER_WORKERS:", "      SCOPEML_TRAINER_WORKER:"),
            "sets SCOPEML_TRAINER_WORKER, which nothing in its container reads"),
        broken(
            "an image variable nothing reads",
            c ->
                c.replace(TRAINER, "ENV SCOPEML_DATA_DIR=/data", "ENV SCOPEML_DATADIRECTORY=/data"),
            "sets SCOPEML_DATADIRECTORY, which nothing in its container reads"),
        broken(
            "a base variable the entrypoint ignores",
            c ->
                c.replace(
                    BASE, "    APP_HOME=/app \\", "    APP_HOME=/app \\\n    JAVA_EXTRA=1 \\"),
            "sets JAVA_EXTRA, which base-image/entrypoint.sh never reads"),
        // healthchecks
        broken(
            "a probe path the scorer does not serve",
            c -> c.replace(SCORER, "/readyz\"", "/ready\""),
            "requests /ready, which the app does not serve"),
        broken(
            "an actuator endpoint the trainer does not expose",
            c -> c.replace(TRAINER, "/actuator/health\"", "/actuator/env\""),
            "requests /actuator/env, which the app does not serve"),
        broken(
            "a probe on the wrong port",
            c -> c.replace(TRAINER, "${SERVER_PORT:-8081}", "${SERVER_PORT:-8080}"),
            "requests port 8080 but the app serves /actuator/health on 8081"),
        broken(
            "a database without healthcheck",
            c ->
                c.replace(
                    COMPOSE, "    healthcheck:\n      # Over TCP", "    labels:\n      # Over TCP"),
            "service postgres has no healthcheck"),
        broken(
            "an nginx healthcheck of a missing location",
            c -> c.replace(COMPOSE, "/nginx/health\"]", "/healthz\"]"),
            "requests /healthz, which is no location of its nginx.conf"),
        // ports
        broken(
            "a server.port the image does not expose",
            c ->
                c.replace(
                    COMPOSE,
                    "      SCOPEML_DATA_DIR: /data\n",
                    "      SCOPEML_DATA_DIR: /data\n      SERVER_PORT: \"9000\"\n"),
            "exposes [8081] but trainer listens on 9000"),
        broken(
            "a published port nginx does not listen on",
            c ->
                c.replace(
                    COMPOSE, "${SCOPEML_HTTP_PORT:-8080}:8080", "${SCOPEML_HTTP_PORT:-8080}:80"),
            "publishes port 80 but its nginx.conf listens on [8080]"),
        broken(
            "a port open on every address",
            c ->
                c.replace(
                    COMPOSE, "\"127.0.0.1:${SCOPEML_TRAINER_PORT:-8081}:8081\"", "\"8081:8081\""),
            "publishes a port on every host address"),
        // secrets
        broken(
            "a secret without example",
            c -> delete(c, "deploy/secrets/admin_token.example"),
            "secret admin_token is read from ./deploy/secrets/admin_token but"),
        broken(
            "a password in plain text",
            c ->
                c.replace(
                    COMPOSE,
                    "      SCOPEML_DB_USER: scopeml_scorer\n",
                    "      SCOPEML_DB_USER: scopeml_scorer\n      SCOPEML_DB_PASSWORD: hunter2\n"),
            "sets SCOPEML_DB_PASSWORD in plain text"),
        broken(
            "a secret file the service does not mount",
            c ->
                c.replace(
                    COMPOSE,
                    "SCOPEML_DB_PASSWORD_FILE: /run/secrets/scorer_db_password",
                    "SCOPEML_DB_PASSWORD_FILE: /run/secrets/db_password"),
            "points at /run/secrets/db_password but the service does not mount secret db_password"),
        // image tags
        broken(
            "a moving tag",
            c -> c.replace(COMPOSE, "image: nginx:1.28.0-alpine", "image: nginx:alpine"),
            "uses nginx:alpine, which is not pinned"),
        broken(
            "latest",
            c -> c.replace(COMPOSE, "image: postgres:18.6-alpine", "image: postgres:latest"),
            "uses postgres:latest, which is not pinned"),
        broken(
            "another PostgreSQL than the tests'",
            c -> c.replace(COMPOSE, "image: postgres:18.6-alpine", "image: postgres:17.6-alpine"),
            "runs PostgreSQL 17.6 but the tests run against 18.6"),
        broken(
            "another Kafka than the build's",
            c -> c.replace(COMPOSE, "image: apache/kafka:4.3.1", "image: apache/kafka:4.1.1"),
            "runs Kafka 4.1.1 but the build's clients and tests use 4.3.1"),
        broken(
            "a scorer setting no property binds",
            c ->
                c.replace(
                    COMPOSE,
                    "SCOPEML_SCORER_KAFKA_DELIVERY:",
                    "SCOPEML_SCORER_KAFKA_DELIVERY_MODE:"),
            "sets SCOPEML_SCORER_KAFKA_DELIVERY_MODE, which nothing in its container reads"),
        broken(
            "another Java than the build's",
            c ->
                c.replace(
                    BASE,
                    "eclipse-temurin:25.0.3_9-jre-noble",
                    "eclipse-temurin:21.0.8_9-jre-noble"),
            "runs Java 21.0.8 but the build compiles for 25"),
        broken(
            "an own image of another version",
            c -> c.replace(COMPOSE, "image: scopeml/trainer:0.1.0", "image: scopeml/trainer:0.0.9"),
            "tags scopeml/trainer:0.0.9 but the build's version is 0.1.0"),
        broken(
            "a Dockerfile defaulting to another base",
            c ->
                c.replace(
                    SCORER,
                    "ARG BASE_IMAGE=scopeml/base:0.1.0",
                    "ARG BASE_IMAGE=scopeml/base-old:0.1.0"),
            "defaults BASE_IMAGE to scopeml/base-old:0.1.0 but compose builds scopeml/base:0.1.0"),
        // startup order
        broken(
            "waiting for a start, not for health",
            c ->
                c.replace(
                    COMPOSE,
                    "    depends_on:\n      scorer:\n        condition: service_healthy\n",
                    "    depends_on:\n      - scorer\n"),
            "service nginx waits for scorer with service_started"),
        // mounts
        broken(
            "a writable configuration mount",
            c -> c.replace(COMPOSE, "/etc/nginx/nginx.conf:ro", "/etc/nginx/nginx.conf"),
            "mounts ./nginx/compose/nginx.conf writable"),
        broken(
            "a mount of a missing file",
            c -> c.replace(COMPOSE, "./deploy/postgres/initdb:", "./deploy/postgres/init:"),
            "mounts ./deploy/postgres/init, which does not exist"),
        broken(
            "a script the image's entrypoint skips",
            c -> notExecutable(c, "nginx/compose/40-scopeml-prefix.sh"),
            "nginx/compose/40-scopeml-prefix.sh is not executable"),
        broken(
            "data mounted outside the data directory",
            c -> c.replace(COMPOSE, ":/data/datasets:ro", ":/datasets:ro"),
            "at /datasets, outside its data directory /data"),
        // nginx configuration
        broken(
            "an edited nginx.conf",
            c -> c.replace("nginx/compose/nginx.conf", "keepalive 64;", "keepalive 32;"),
            "nginx.conf is not the tier controller's template rendered"),
        broken(
            "a body limit other than the scorer's",
            c -> c.replace("nginx/compose/nginx.conf.values", "maxBody=2m", "maxBody=8m"),
            "limits bodies to 8m but the scorer to 2MB"),
        broken(
            "a prefix the script does not prepare",
            c ->
                c.replace(
                    "nginx/compose/40-scopeml-prefix.sh",
                    "prefix=/var/lib/scopeml-nginx",
                    "prefix=/run/nginx"),
            "prepares /run/nginx"),
        broken(
            "an upstream on the wrong port",
            c ->
                c.replace(
                    "nginx/compose/upstream/upstream.conf",
                    "server scorer:8080",
                    "server scorer:8081"),
            "sends traffic to port 8081 but scorers listen on 8080"),
        broken(
            "an upstream folder mounted elsewhere",
            c -> c.replace(COMPOSE, ":/etc/nginx/scopeml-upstream:ro", ":/etc/nginx/upstream:ro"),
            "mounts nothing at /etc/nginx/scopeml-upstream"),
        // tier controller
        broken(
            "a scorer image the driver cannot choose",
            c ->
                c.replace(
                    COMPOSE,
                    "${SCOPEML_SCORER_IMAGE:-scopeml/scorer:0.1.0}",
                    "scopeml/scorer:0.1.0"),
            "picks a release's image with SCOPEML_SCORER_IMAGE"),
        broken(
            "an init process in front of nginx",
            c ->
                c.replace(
                    COMPOSE,
                    "    image: nginx:1.28.0-alpine\n",
                    "    image: nginx:1.28.0-alpine\n    init: true\n"),
            "service nginx runs an init process as PID 1"),
        broken(
            "a renamed scorer service",
            c ->
                c.replace(COMPOSE, "  scorer:\n    # The tier", "  scorers:\n    # The tier")
                    .replace(
                        COMPOSE,
                        "      scorer:\n        condition",
                        "      scorers:\n        condition"),
            "starts scorers of service scorer, which docker-compose.yml does not define"));
  }

  private static Arguments broken(String name, Consumer<DeploymentCopy> breakage, String expected) {
    return Arguments.of(Named.of(name, breakage), expected);
  }

  private static void relink(DeploymentCopy copy, String relative) {
    try {
      Files.delete(copy.file(relative));
      Files.createDirectories(copy.file(relative));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void delete(DeploymentCopy copy, String relative) {
    try {
      Files.delete(copy.file(relative));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void notExecutable(DeploymentCopy copy, String relative) {
    try {
      Files.setPosixFilePermissions(
          copy.file(relative), PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
