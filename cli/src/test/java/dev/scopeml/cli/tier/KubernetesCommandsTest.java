package dev.scopeml.cli.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.cli.ScopemlCli;
import dev.scopeml.nginx.kubernetes.KubernetesTier;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rollout}, {@code scale} and {@code status} with {@code --driver kubernetes}, against a
 * mock API server that runs no controller (the driver's own tests script one): the commands reach
 * the Deployment, report what they find and exit accordingly.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesCommandsTest {

  static KubernetesClient client;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void aScorerDeploymentWhoseStatusSaysItIsRolledOut() {
    client.apps().deployments().inNamespace("scopeml").delete();
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace("scopeml")
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("scorer")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
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
                    .withImage("scopeml/scorer:0.1.0")
                    .addNewEnv()
                    .withName(KubernetesTier.VERSION_VARIABLE)
                    .withValue("0.1.0")
                    .endEnv()
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    client
        .apps()
        .deployments()
        .inNamespace("scopeml")
        .withName("scorer")
        .editStatus(
            d -> {
              d.setStatus(
                  new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                      .withObservedGeneration(deployment.getMetadata().getGeneration())
                      .withReplicas(2)
                      .withUpdatedReplicas(2)
                      .withReadyReplicas(2)
                      .withAvailableReplicas(2)
                      .build());
              return d;
            });
  }

  @Test
  void statusShowsTheDeployment() {
    assertThat(execute("status", "--driver", "kubernetes")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "Scorer tier (Deployment scorer, namespace scopeml): 0.1.0 (scopeml/scorer:0.1.0)")
        .contains("replicas: 2 desired, 2 updated, 2 ready, 2 available; rolled out");
  }

  @Test
  void aRolloutNobodyCarriesOutFailsAndIsUndoneOnRequest() {
    int exit =
        execute(
            "rollout",
            "--driver",
            "kubernetes",
            "--to",
            "scopeml/scorer:0.2.0",
            "--undo-on-failure",
            "--timeout",
            "PT2S");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "Rolling Deployment scorer (namespace scopeml) from 0.1.0 (scopeml/scorer:0.1.0)"
                + " to 0.2.0 (scopeml/scorer:0.2.0)");
    assertThat(err.toString())
        .contains("Rollout to 0.2.0 failed after")
        .contains("not rolled out within 2.0 s");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("scopeml")
                .withName("scorer")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getImage())
        .as("the previous template is back")
        .isEqualTo("scopeml/scorer:0.1.0");
  }

  @Test
  void undoOnFailureIsForKubernetesOnly() {
    assertThat(execute("rollout", "--to", "release-2", "--undo-on-failure")).isEqualTo(2);
    assertThat(err.toString()).contains("--undo-on-failure applies to --driver kubernetes");
  }

  @Test
  void kubernetesHasNoSlotsToSize() {
    assertThat(execute("scale", "--driver", "kubernetes", "--replicas", "3", "--capacity", "8"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--capacity sizes nginx's slots");
  }

  @Test
  void aMissingDeploymentIsNamed() {
    assertThat(execute("status", "--driver", "kubernetes", "--namespace", "elsewhere"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("no Deployment scorer in namespace elsewhere");
  }

  private int execute(String... arguments) {
    var cli = ScopemlCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    for (String name : java.util.List.of("status", "rollout", "scale")) {
      Object command = cli.getSubcommands().get(name).getCommand();
      TierOptions tier =
          switch (command) {
            case StatusCommand status -> status.tier;
            case RolloutCommand rollout -> rollout.tier;
            case ScaleCommand scale -> scale.tier;
            default -> throw new IllegalStateException(name);
          };
      tier.kubernetes.client = client;
    }
    return cli.execute(arguments);
  }
}
