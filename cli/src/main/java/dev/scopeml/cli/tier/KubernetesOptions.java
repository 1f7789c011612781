package dev.scopeml.cli.tier;

import dev.scopeml.nginx.TierEvents;
import dev.scopeml.nginx.kubernetes.KubernetesTier;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the scorer Deployment is, for {@code --driver kubernetes}: the cluster of the kubeconfig's
 * current context (or {@code --context}; in a pod, its service account), the namespace and the
 * Deployment deploy/kubernetes creates.
 */
final class KubernetesOptions {

  @Option(
      names = "--namespace",
      defaultValue = KubernetesTier.DEFAULT_NAMESPACE,
      description = "With --driver kubernetes: the scorers' namespace (default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--deployment",
      defaultValue = KubernetesTier.DEFAULT_DEPLOYMENT,
      description = "With --driver kubernetes: the scorer Deployment (default ${DEFAULT-VALUE}).")
  String deployment;

  @Option(
      names = "--context",
      description =
          "With --driver kubernetes: the kubeconfig context (default: the current one; KUBECONFIG"
              + " names the file).")
  String context;

  @Option(
      names = "--timeout",
      defaultValue = "PT15M",
      description =
          "With --driver kubernetes: the longest a rollout or scale is followed, whatever the"
              + " Deployment's progress deadline, as ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration timeout;

  /** The client the driver uses; tests put one of a mock API server here. */
  KubernetesClient client;

  /**
   * The tier, with the client it needs; closing it closes a client opened here.
   *
   * @param tier the driver
   * @param client its client
   * @param owned whether this opened the client (and so closes it)
   */
  record Open(KubernetesTier tier, KubernetesClient client, boolean owned)
      implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        client.close();
      }
    }
  }

  Open open(TierEvents events) {
    boolean owned = client == null;
    KubernetesClient using =
        owned
            ? new KubernetesClientBuilder().withConfig(Config.autoConfigure(context)).build()
            : client;
    return new Open(
        new KubernetesTier(using, namespace, deployment, events, Duration.ofSeconds(1), timeout),
        using,
        owned);
  }
}
