package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's docker-compose.yml, Dockerfiles and nginx files agree with the Maven build, one
 * test per check so a failure names its concern. Run after {@code package}: the checks read the
 * trainer's and scorer's jars.
 */
class DeploymentConsistencyTest {

  @TestFactory
  Stream<DynamicTest> everyCheckPasses() {
    return DeploymentChecks.all().stream()
        .map(
            check ->
                DynamicTest.dynamicTest(
                    check.name(),
                    () ->
                        assertThat(check.problems(Repository.deployment()))
                            .as(check.name())
                            .isEmpty()));
  }

  @Test
  void findsTheAppsItChecks() {
    assertThat(Repository.deployment().apps())
        .as("services whose image packs a jar of the build")
        .extracting(app -> app.service().name())
        .containsExactlyInAnyOrder("trainer", "scorer");
  }
}
