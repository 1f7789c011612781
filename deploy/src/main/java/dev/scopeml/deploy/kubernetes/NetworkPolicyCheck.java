package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The namespace denies by default; the scorers reach PostgreSQL and Kafka and nothing else (pods of
 * those names in the cluster, or their ports outside it); the trainer's admin API admits neither
 * nginx nor everyone.
 */
final class NetworkPolicyCheck implements ManifestCheck {

  static final String NAME_LABEL = "app.kubernetes.io/name";
  private static final Set<String> SCORER_PEERS = Set.of("postgres", "kafka");
  private static final Set<Integer> SCORER_PORTS = Set.of(5432, 9092, 9093, 9094);

  @Override
  public String name() {
    return "network policies";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      var policies = overlay.all(NetworkPolicy.class);
      boolean denies =
          policies.stream()
              .anyMatch(
                  p ->
                      (p.getSpec().getPodSelector().getMatchLabels() == null
                              || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                          && p.getSpec().getIngress().isEmpty()
                          && p.getSpec()
                              .getPolicyTypes()
                              .containsAll(List.of("Ingress", "Egress")));
      if (!denies) {
        problems.add("overlay " + overlay.name() + " has no NetworkPolicy denying by default");
      }
      for (NetworkPolicy policy : policies) {
        String applies = name(policy.getSpec().getPodSelector().getMatchLabels());
        String where = Where.object(overlay, "NetworkPolicy", policy.getMetadata().getName());
        if ("scorer".equals(applies)) {
          for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            boolean peersOk =
                !rule.getTo().isEmpty()
                    && rule.getTo().stream().allMatch(peer -> SCORER_PEERS.contains(name(peer)));
            boolean portsOk =
                rule.getTo().isEmpty()
                    && !rule.getPorts().isEmpty()
                    && rule.getPorts().stream().allMatch(NetworkPolicyCheck::databaseOrKafkaPort);
            if (!peersOk && !portsOk) {
              problems.add(
                  where
                      + " lets the scorers reach "
                      + (rule.getTo().isEmpty()
                          ? "ports " + ports(rule.getPorts())
                          : "peers " + rule.getTo())
                      + ": they may reach PostgreSQL and Kafka only");
            }
          }
        }
        if ("trainer".equals(applies)) {
          for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            if (rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(peer -> "nginx".equals(name(peer)))) {
              problems.add(
                  where
                      + " admits "
                      + (rule.getFrom().isEmpty() ? "everyone" : "nginx")
                      + " to the trainer's admin API");
            }
          }
        }
      }
    }
    return problems;
  }

  private static boolean databaseOrKafkaPort(NetworkPolicyPort port) {
    if (port.getPort() == null || port.getPort().getIntVal() == null) {
      return false;
    }
    int from = port.getPort().getIntVal();
    int to = port.getEndPort() == null ? from : port.getEndPort();
    for (int p = from; p <= to; p++) {
      if (!SCORER_PORTS.contains(p)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> ports(List<NetworkPolicyPort> ports) {
    return ports.stream()
        .map(p -> Where.text(p.getPort()) + (p.getEndPort() == null ? "" : "-" + p.getEndPort()))
        .toList();
  }

  private static String name(NetworkPolicyPeer peer) {
    return peer.getPodSelector() == null ? null : name(peer.getPodSelector().getMatchLabels());
  }

  private static String name(Map<String, String> labels) {
    return labels == null ? null : labels.get(NAME_LABEL);
  }
}
