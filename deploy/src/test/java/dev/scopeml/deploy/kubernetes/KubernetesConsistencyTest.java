package dev.scopeml.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's Kubernetes overlays render, parse strictly and agree with the Maven build and
 * with themselves, one test per check so a failure names its concern. Run after {@code package}:
 * the checks read the trainer's and scorer's jars.
 */
class KubernetesConsistencyTest {

  @TestFactory
  Stream<DynamicTest> everyCheckPasses() {
    return ManifestChecks.all().stream()
        .map(
            check ->
                DynamicTest.dynamicTest(
                    check.name(),
                    () ->
                        assertThat(check.problems(KubernetesRepository.deployment()))
                            .as(check.name())
                            .isEmpty()));
  }

  @Test
  void rendersBothOverlaysWithTheWholePlatform() {
    var overlays = KubernetesRepository.deployment().overlays();
    assertThat(overlays).extracting(RenderedOverlay::name).containsExactly("local", "production");
    for (RenderedOverlay overlay : overlays) {
      assertThat(overlay.objects())
          .as("objects of overlay %s", overlay.name())
          .extracting(
              o -> o.getKind() + "/" + o.getMetadata().getName().replaceAll("-[a-z0-9]{10}$", ""))
          .contains(
              "Deployment/trainer",
              "Deployment/scorer",
              "Deployment/nginx",
              "Service/scorer",
              "Service/nginx",
              "Service/trainer",
              "PodDisruptionBudget/scorer",
              "HorizontalPodAutoscaler/scorer",
              "ConfigMap/nginx",
              "ConfigMap/scopeml-platform",
              "Secret/db-password",
              "Secret/scorer-db-password",
              "Secret/admin-token",
              "NetworkPolicy/default-deny");
      assertThat(overlay.objects())
          .as("every object of overlay %s is in the scopeml namespace", overlay.name())
          .filteredOn(o -> !o.getKind().equals("Namespace"))
          .extracting(HasMetadata::getMetadata)
          .allSatisfy(meta -> assertThat(meta.getNamespace()).isEqualTo("scopeml"));
    }
    assertThat(overlays.getFirst().objects())
        .as("the local overlay runs PostgreSQL and Kafka in the cluster")
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .contains("StatefulSet/postgres", "StatefulSet/kafka");
    assertThat(overlays.getLast().objects())
        .as("the production overlay names external ones")
        .extracting(HasMetadata::getKind)
        .doesNotContain("StatefulSet");
  }
}
