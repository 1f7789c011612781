package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "postgres:18.6-alpine, true, 18.6",
    "eclipse-temurin:25.0.3_9-jre-noble, true, 25.0.3",
    "registry.example:5000/team/app:1.4.2, true, 1.4.2",
    "nginx@sha256:0123abcd, true, ''",
    "postgres:latest, false, ''",
    "nginx:alpine, false, ''",
    "eclipse-temurin:25-jre, false, 25",
    "registry.example:5000/team/app, false, ''",
  })
  void pinsOnlyReleasesAndDigests(String image, boolean pinned, String version) {
    ImageReference reference = ImageReference.parse(image);
    assertThat(reference.pinned()).as(image).isEqualTo(pinned);
    assertThat(reference.version()).as(image).isEqualTo(version);
  }
}
