package dev.scopeml.nginx.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierException;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes driver against fabric8's mock API server in CRUD mode. The mock runs no
 * controllers: {@link ScriptedController} moves the Deployment and its pods along, so a rollout can
 * progress, stall past its progress deadline, or have its new pods crash.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTierTest {

  private static final String NAMESPACE = KubernetesTier.DEFAULT_NAMESPACE;
  private static final String OLD = "scopeml/scorer:0.1.0";
  private static final String NEW = "scopeml/scorer:0.2.0";

  static KubernetesClient client;

  private final List<String> events = new CopyOnWriteArrayList<>();
  private ScriptedController controller;

  @BeforeEach
  void aScorerDeploymentOfTwoReadyReplicas() throws Exception {
    client.apps().deployments().inNamespace(NAMESPACE).delete();
    client.pods().inNamespace(NAMESPACE).delete();
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).delete();
    client.apps().deployments().inNamespace(NAMESPACE).resource(scorerDeployment()).create();
  }

  @AfterEach
  void stopTheController() throws Exception {
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void aRolloutThatProgressesIsFollowedToTheEnd() throws Exception {
    start(Set.of(), Set.of());
    awaitHealthy();

    var result = tier(Duration.ofSeconds(20)).rollout(release(), false);

    assertThat(result.succeeded()).as(result.failure()).isTrue();
    assertThat(result.replaced()).isEqualTo(2);
    Deployment after = deployment();
    var container = after.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo(NEW);
    assertThat(container.getEnv())
        .as("the release label is set with the image")
        .contains(new EnvVar(KubernetesTier.VERSION_VARIABLE, "0.2.0", null));
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry(KubernetesTier.CHANGE_CAUSE, "scopeml rollout --to " + NEW);
    assertThat(events)
        .as("progress is reported as kubectl rollout status reports it")
        .anyMatch(e -> e.matches("\\d of 2 new replicas updated"))
        .anyMatch(e -> e.startsWith("rollout to 0.2.0 done"));
    var status = tier(Duration.ofSeconds(5)).status();
    assertThat(status.healthy()).isTrue();
    assertThat(status.pods()).hasSize(2).allSatisfy(p -> assertThat(p.image()).isEqualTo(NEW));
  }

  @Test
  void aStalledRolloutIsAbortedAtItsProgressDeadlineAndReported() throws Exception {
    start(Set.of(NEW), Set.of());
    awaitHealthy();

    var result = tier(Duration.ofSeconds(20)).rollout(release(), false);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .contains("deployment scorer exceeded its progress deadline (300 s without progress)");
    assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
        .as("without --undo-on-failure the new template stays; the old pods keep serving")
        .isEqualTo(NEW);
    assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
        .as("maxUnavailable 0: both old scorers still run")
        .filteredOn(p -> p.getSpec().getContainers().getFirst().getImage().equals(OLD))
        .hasSize(2);
  }

  @Test
  void undoOnFailureRestoresThePreviousTemplate() throws Exception {
    start(Set.of(NEW), Set.of());
    awaitHealthy();

    var result = tier(Duration.ofSeconds(20)).rollout(release(), true);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .contains("exceeded its progress deadline")
        .contains("the previous template (" + OLD + ") is back");
    var container = deployment().getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo(OLD);
    assertThat(container.getEnv())
        .contains(new EnvVar(KubernetesTier.VERSION_VARIABLE, "0.1.0", null));
    assertThat(events).anyMatch(e -> e.startsWith("restored the previous template (" + OLD + ")"));
    awaitHealthy();
    assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
        .allSatisfy(
            p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo(OLD));
  }

  @Test
  void podsThatCrashAreNamedWithTheirReason() throws Exception {
    start(Set.of(), Set.of(NEW));
    awaitHealthy();

    var result = tier(Duration.ofSeconds(20)).rollout(release(), false);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .contains("exceeded its progress deadline")
        .containsPattern(
            "pod scorer-\\d+: container scorer CrashLoopBackOff \\(back-off 40s restarting failed"
                + " container=scorer\\), last exit code 1, 3 restarts");
    assertThat(events).anyMatch(e -> e.startsWith("new scorer failing: pod scorer-"));
    assertThat(tier(Duration.ofSeconds(5)).status().pods())
        .anySatisfy(p -> assertThat(p.problem()).startsWith("container scorer CrashLoopBackOff"));
  }

  @Test
  void aClusterThatReportsNothingTimesOut() {
    // No controller: the Deployment's status never moves.
    var result = tier(Duration.ofMillis(500)).rollout(release(), false);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).startsWith("not rolled out within 0.5 s (");
  }

  @Test
  void scaleSetsTheReplicasAndWaitsUntilTheyAreAvailable() throws Exception {
    start(Set.of(), Set.of());
    awaitHealthy();

    var result = tier(Duration.ofSeconds(20)).scale(3);

    assertThat(result.succeeded()).as(result.failure()).isTrue();
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
    var status = tier(Duration.ofSeconds(5)).status();
    assertThat(status.available()).isEqualTo(3);
    assertThat(status.pods()).hasSize(3).allMatch(KubernetesTierStatus.PodState::ready);
  }

  @Test
  void scaleIsRefusedWhileAnAutoscalerOwnsTheReplicas() {
    client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(NAMESPACE)
        .resource(
            new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName("scorer")
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("scorer")
                .endScaleTargetRef()
                .withMinReplicas(2)
                .withMaxReplicas(6)
                .endSpec()
                .build())
        .create();

    assertThatThrownBy(() -> tier(Duration.ofSeconds(5)).scale(3))
        .isInstanceOf(TierException.class)
        .hasMessageContaining("HorizontalPodAutoscaler scorer sets the scorers between 2 and 6");
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void statusReportsTheTemplateAndTheCounts() throws Exception {
    start(Set.of(), Set.of());
    awaitHealthy();

    var status = tier(Duration.ofSeconds(5)).status();

    assertThat(status.image()).isEqualTo(OLD);
    assertThat(status.version()).isEqualTo("0.1.0");
    assertThat(status.desired()).isEqualTo(2);
    assertThat(status.ready()).isEqualTo(2);
    assertThat(status.rollout()).isEqualTo("rolled out: 2 of 2 replicas available");
  }

  @Test
  void aMissingDeploymentIsNamed() {
    client.apps().deployments().inNamespace(NAMESPACE).delete();

    assertThatThrownBy(() -> tier(Duration.ofSeconds(1)).status())
        .isInstanceOf(TierException.class)
        .hasMessageStartingWith("no Deployment scorer in namespace scopeml");
  }

  private KubernetesTier tier(Duration timeout) {
    return new KubernetesTier(
        client,
        NAMESPACE,
        KubernetesTier.DEFAULT_DEPLOYMENT,
        events::add,
        Duration.ofMillis(20),
        timeout);
  }

  private void start(Set<String> stalling, Set<String> crashing) {
    controller = new ScriptedController(client, NAMESPACE, stalling, crashing);
  }

  private void awaitHealthy() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!tier(Duration.ofSeconds(1)).status().healthy()) {
      assertThat(System.nanoTime()).as("the scorers became healthy in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NAMESPACE).withName("scorer").get();
  }

  private static ScorerRelease release() {
    return new ScorerRelease("0.2.0", NEW, Map.of(), List.of());
  }

  private static Deployment scorerDeployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(KubernetesTier.DEFAULT_DEPLOYMENT)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withProgressDeadlineSeconds(300)
        .withNewSelector()
        .addToMatchLabels("app.kubernetes.io/name", "scorer")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app.kubernetes.io/name", "scorer")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(KubernetesTier.CONTAINER)
        .withImage(OLD)
        .addNewEnv()
        .withName(KubernetesTier.VERSION_VARIABLE)
        .withValue("0.1.0")
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
