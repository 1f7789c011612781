package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DockerfileTest {

  private static final String TEXT =
      """
      # syntax=docker/dockerfile:1
      ARG BASE=example/base:1.2
      FROM ${BASE} AS build
      COPY target/app.jar app.jar
      RUN java -Djarmode=tools \\
          -jar app.jar extract --layers --launcher
      FROM ${BASE}
      # comments inside an instruction are dropped
      ENV A=1 B="two words" \\
          C=three
      COPY --from=build --chown=1:1 /x/dependencies/ /x/application/ ./
      EXPOSE 8080/tcp 9090
      HEALTHCHECK --interval=5s --retries=3 \\
        CMD curl -f "http://127.0.0.1:${PORT:-8080}/readyz" || exit 1
      """;

  private final Dockerfile dockerfile = Dockerfile.parse(Path.of("Dockerfile"), TEXT);

  @Test
  void resolvesStagesWithTheirArgs() {
    assertThat(dockerfile.stages())
        .extracting(Dockerfile.Stage::image)
        .containsExactly("example/base:1.2", "example/base:1.2");
    assertThat(dockerfile.stages().getFirst().name()).isEqualTo("build");
    assertThat(dockerfile.stage("build").orElseThrow().all("RUN").getFirst().arguments())
        .as("continued lines are joined")
        .contains("-Djarmode=tools", "extract --layers --launcher");
  }

  @Test
  void readsCopiesEnvironmentPortsAndHealthcheck() {
    Dockerfile.Stage last = dockerfile.finalStage();
    assertThat(Dockerfile.copies(last))
        .singleElement()
        .satisfies(
            copy -> {
              assertThat(copy.from()).isEqualTo("build");
              assertThat(copy.sources()).containsExactly("/x/dependencies/", "/x/application/");
              assertThat(copy.destination()).isEqualTo("./");
            });
    assertThat(Dockerfile.environment(last))
        .containsExactly(
            java.util.Map.entry("A", "1"),
            java.util.Map.entry("B", "two words"),
            java.util.Map.entry("C", "three"));
    assertThat(Dockerfile.exposedPorts(last)).containsExactly(8080, 9090);
    assertThat(Dockerfile.healthcheck(last))
        .contains("curl -f \"http://127.0.0.1:${PORT:-8080}/readyz\" || exit 1");
  }
}
