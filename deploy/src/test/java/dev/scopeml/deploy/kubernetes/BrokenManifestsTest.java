package dev.scopeml.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each check fails on a copy of the manifests broken in the way it guards against: a copy left
 * alone passes, and one change makes the named problem appear.
 */
class BrokenManifestsTest {

  private static final String SCORER = "base/scorer.yaml";
  private static final String TRAINER = "base/trainer.yaml";
  private static final String NGINX = "base/nginx.yaml";
  private static final String POLICIES = "base/network-policies.yaml";
  private static final String LOCAL = "overlays/local/kustomization.yaml";
  private static final String KAFKA = "overlays/local/kafka.yaml";

  @TempDir Path folder;

  @Test
  void anUnchangedCopyPasses() {
    assertThat(ManifestCopy.of(KubernetesRepository.root(), folder).problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void reportsTheBreakage(Consumer<ManifestCopy> breakage, String expected) {
    var copy = ManifestCopy.of(KubernetesRepository.root(), folder);
    breakage.accept(copy);
    assertThat(copy.problems()).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        // rendering and strict parsing
        broken(
            "a misspelt field",
            c -> c.replace(SCORER, "readinessProbe:", "readinesProbe:"),
            "has a field fabric8's model does not know:"
                + " spec.template.spec.containers[0].readinesProbe"),
        broken(
            "a field at the wrong level",
            c ->
                c.replace(
                    SCORER,
                    "      terminationGracePeriodSeconds: 50",
                    "      terminationGracePeriod: 50"),
            "spec.template.spec.terminationGracePeriod"),
        broken(
            "an apiVersion the model does not know",
            c -> c.replace("base/scorer-disruption-budget.yaml", "policy/v1", "policy/v2"),
            "is of a kind fabric8's model does not know (policy/v2)"),
        broken(
            "a resource kustomize cannot find",
            c ->
                c.replace("base/kustomization.yaml", "  - nginx.yaml", "  - nginx-deployment.yaml"),
            "does not render"),
        // container ports
        broken(
            "an operator port the scorer does not listen on",
            c -> c.replace(SCORER, "containerPort: 8079", "containerPort: 8078"),
            "declares ports [8078, 8080] but the app listens on [8079, 8080]"),
        broken(
            "a Service port no container declares",
            c -> c.replace(NGINX, "      targetPort: http", "      targetPort: https"),
            "sends port http to https, which no container of Deployment nginx declares"),
        // probes
        broken(
            "a liveness path the scorer does not map",
            c -> c.replace(SCORER, "path: /livez", "path: /healthz"),
            "probes liveness at /healthz, which the app does not serve"),
        broken(
            "an Actuator group on a port that does not serve it",
            c ->
                c.replace(
                    TRAINER,
                    "path: /actuator/health/readiness\n              port: http",
                    "path: /actuator/health/readiness\n              port: 8080"),
            "probes readiness at /actuator/health/readiness on port 8080 but the app serves it on"
                + " [8081]"),
        broken(
            "an nginx probe of no location",
            c ->
                c.replace(
                    NGINX, "http://127.0.0.1:8088/nginx/health", "http://127.0.0.1:8088/health"),
            "probes startup at /health, which is no location of its nginx.conf"),
        broken(
            "a container without a startup probe",
            c ->
                c.replace(
                    KAFKA,
                    "          startupProbe:\n            tcpSocket:\n              port: kafka\n"
                        + "            periodSeconds: 2\n            failureThreshold: 60\n",
                    ""),
            "StatefulSet kafka, container kafka has no startup probe"),
        // environment variables
        broken(
            "a misspelt variable",
            c -> c.replace(SCORER, "SCOPEML_SCORER_OPERATOR_PORT", "SCOPEML_SCORER_OPERATOR_PORTS"),
            "sets SCOPEML_SCORER_OPERATOR_PORTS, which nothing in its container reads"),
        broken(
            "a secret file outside the mounted Secret",
            c ->
                c.replace(
                    TRAINER, "value: /run/secrets/admin/token", "value: /run/secrets/admin-token"),
            "points SCOPEML_ADMIN_TOKEN_FILE at /run/secrets/admin-token, which is in no Secret"),
        broken(
            "a password in plain text",
            c ->
                c.replace(
                    TRAINER,
                    "            - name: SCOPEML_DB_PASSWORD_FILE\n              value: /run/secrets/db/password",
                    "            - name: SCOPEML_DB_PASSWORD\n              value: secret"),
            "sets SCOPEML_DB_PASSWORD in plain text"),
        // references
        broken(
            "a ConfigMap key nobody writes",
            c -> c.replace(SCORER, "key: kafka-bootstrap", "key: kafka-servers"),
            "for key kafka-servers, which it does not hold"),
        broken(
            "a Secret nobody creates",
            c -> c.replace(SCORER, "secretName: scorer-db-password", "secretName: scorer-password"),
            "refers to Secret scorer-password, which the overlay does not create"),
        broken(
            "an init script that drifted from compose's",
            c ->
                c.replace(
                    "overlays/local/postgres/10-scorer-role.sh",
                    "IN ROLE scopeml_reader",
                    "IN ROLE pg_write_all_data"),
            "does not hold deploy/postgres/initdb/10-scorer-role.sh as it is"),
        // image tags
        broken(
            "an unpinned image",
            c -> c.replace(NGINX, "image: nginx:1.28.0-alpine", "image: nginx:alpine"),
            "uses nginx:alpine, which is not pinned to a release"),
        broken(
            "a ScopeML image of another version",
            c -> c.replace(TRAINER, "scopeml/trainer:0.1.0", "scopeml/trainer:0.0.9"),
            "tags scopeml/trainer:0.0.9 but the build's version is 0.1.0"),
        broken(
            "a Kafka the build does not test",
            c -> c.replace(KAFKA, "apache/kafka:4.3.1", "apache/kafka:4.2.0"),
            "runs Kafka 4.2.0 but the build's clients and tests use"),
        // nginx ConfigMap
        broken(
            "an nginx.conf not rendered from the template",
            c -> c.replace("base/nginx/nginx.conf", "worker_processes 2;", "worker_processes 4;"),
            "holds an nginx.conf that is not the tier controller's template rendered"),
        broken(
            "an upstream past the scorers' Service",
            c ->
                c.replace(
                    "base/nginx/upstream.conf", "server scorer.scopeml", "server trainer.scopeml"),
            "which is not the scorers' Service"),
        broken(
            "an upstream to the scorers' operator port",
            c ->
                c.replace(
                    "base/nginx/upstream.conf", "svc.cluster.local:8080", "svc.cluster.local:8079"),
            "sends traffic to the scorers' port 8079, not their public port 8080 (server.port)"),
        broken(
            "a scorers' Service with one address",
            c -> c.replace(SCORER, "  clusterIP: None\n", ""),
            "is not headless (clusterIP: None)"),
        broken(
            "a prefix script that drifted from compose's",
            c -> c.replace("base/nginx/40-scopeml-prefix.sh", "mkdir -p", "mkdir -pv"),
            "differs from nginx/compose/40-scopeml-prefix.sh"),
        // labels and selectors
        broken(
            "a Deployment whose selector misses its pods",
            c ->
                c.replace(
                    TRAINER,
                    "    metadata:\n      labels:\n        app.kubernetes.io/name: trainer",
                    "    metadata:\n      labels:\n        app.kubernetes.io/name: trainers"),
            "Deployment trainer selects {app.kubernetes.io/name=trainer}, which its own pod"),
        broken(
            "a disruption budget beside the scorers",
            c ->
                c.replace(
                        "base/scorer-disruption-budget.yaml",
                        "app.kubernetes.io/name: scorer\nspec",
                        "app.kubernetes.io/name: scorer\nspec")
                    .replace(
                        "base/scorer-disruption-budget.yaml",
                        "      app.kubernetes.io/name: scorer",
                        "      app.kubernetes.io/name: nginx"),
            "no PodDisruptionBudget selects the scorers"),
        broken(
            "an autoscaler of another Deployment",
            c -> c.replace("base/scorer-autoscaler.yaml", "    name: scorer", "    name: trainer"),
            "scales Deployment trainer, not the scorer Deployment"),
        broken(
            "more scorers than partitions",
            c -> c.replace("base/scorer-autoscaler.yaml", "maxReplicas: 6", "maxReplicas: 12"),
            "scales up to 12 scorers, more than the 6 Kafka partitions"),
        // scorer rollout
        broken(
            "a rollout that may stop a ready scorer first",
            c -> c.replace(SCORER, "maxUnavailable: 0", "maxUnavailable: 1"),
            "does not roll out with RollingUpdate maxUnavailable: 0 and maxSurge: 1"),
        broken(
            "a startup probe shorter than the warm-up",
            c -> c.replace(SCORER, "failureThreshold: 90", "failureThreshold: 10"),
            "gives its startup probe 20 s, less than the warm-up's 10 s"),
        broken(
            "a grace period shorter than the drain",
            c ->
                c.replace(
                    SCORER,
                    "terminationGracePeriodSeconds: 50",
                    "terminationGracePeriodSeconds: 30"),
            "allows 30 s to stop (terminationGracePeriodSeconds), not more than the preStop's 10 s"),
        broken(
            "no pause for endpoint propagation",
            c -> c.replace(SCORER, "                seconds: 10", "                seconds: 1"),
            "pauses 1 s before SIGTERM (preStop)"),
        broken(
            "a progress deadline inside the startup budget",
            c -> c.replace(SCORER, "progressDeadlineSeconds: 300", "progressDeadlineSeconds: 120"),
            "has a progress deadline of 120 s, shorter than its startup probe's 180 s"),
        // resources, users and logins
        broken(
            "a container without a memory limit",
            c -> c.replace(NGINX, "              memory: 128Mi\n", ""),
            "container nginx lacks a memory request or limit"),
        broken(
            "a writable root file system",
            c -> c.replace(SCORER, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
            "does not run on a read-only root file system"),
        broken(
            "scorers logging in as the owner",
            c -> c.replace(SCORER, "value: scopeml_scorer", "value: scopeml"),
            "logs in to PostgreSQL as scopeml, not as scopeml_scorer"),
        broken(
            "scorers off the stream",
            c ->
                c.replace(
                    SCORER, "              value: \"true\"", "              value: \"false\""),
            "does not consume the stream"),
        // network policies
        broken(
            "scorers reaching the trainer",
            c ->
                c.replace(
                    POLICIES,
                    "              app.kubernetes.io/name: postgres\n      ports:\n        - protocol: TCP\n          port: 5432\n    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: kafka",
                    "              app.kubernetes.io/name: postgres\n      ports:\n        - protocol: TCP\n          port: 5432\n    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: trainer"),
            "lets the scorers reach peers"),
        broken(
            "the admin API open to nginx",
            c ->
                c.replace(
                    POLICIES,
                    "              scopeml.dev/operator: \"true\"",
                    "              app.kubernetes.io/name: nginx"),
            "admits nginx to the trainer's admin API"),
        broken(
            "no default deny",
            c ->
                c.replace(
                    POLICIES,
                    "  policyTypes: [\"Ingress\", \"Egress\"]\n  egress:\n    - to:\n        - namespaceSelector: {}",
                    "  policyTypes: [\"Egress\"]\n  egress:\n    - to:\n        - namespaceSelector: {}"),
            "has no NetworkPolicy denying by default"),
        // KEDA
        broken(
            "lag scaling beyond the partitions",
            c ->
                c.replace(
                    "components/keda/scaled-object.yaml",
                    "maxReplicaCount: 6",
                    "maxReplicaCount: 10"),
            "scales up to 10 scorers, more than the 6 partitions"),
        broken(
            "lag of another group",
            c ->
                c.replace(
                    "components/keda/scaled-object.yaml",
                    "consumerGroup: scopeml-scorers",
                    "consumerGroup: scorers"),
            "watches group scorers but the scorers consume as scopeml-scorers"),
        // the kubernetes driver
        broken(
            "a scorer container the driver cannot find",
            c -> c.replace(SCORER, "        - name: scorer\n", "        - name: app\n"),
            "has no container scorer for the driver to patch"),
        broken(
            "no release label for the driver to set",
            c ->
                c.replace(
                    SCORER,
                    "            - name: SCOPEML_SCORER_VERSION\n              value: \"0.1.0\"\n",
                    ""),
            "does not set SCOPEML_SCORER_VERSION"));
  }

  private static Arguments broken(String name, Consumer<ManifestCopy> breakage, String expected) {
    return Arguments.of(Named.of(name, breakage), expected);
  }
}
