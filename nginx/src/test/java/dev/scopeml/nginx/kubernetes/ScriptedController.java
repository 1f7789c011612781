package dev.scopeml.nginx.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the Deployment controller and the kubelets, which the mock API server does not run:
 * every tick it moves the scorer Deployment one step as a RollingUpdate with {@code maxSurge: 1}
 * and {@code maxUnavailable: 0} would (start a new pod, let it turn ready, remove an old one) and
 * writes the pods and the Deployment's status. Pods of an image in {@code stalling} never turn
 * ready, those of an image in {@code crashing} crash-loop; after a few such ticks the Deployment
 * reports its progress deadline exceeded.
 */
final class ScriptedController implements AutoCloseable {

  private static final int TICKS_TO_DEADLINE = 10;

  private final KubernetesClient client;
  private final String namespace;
  private final Set<String> stalling;
  private final Set<String> crashing;
  private final Thread thread;
  private final AtomicInteger names = new AtomicInteger();
  private volatile boolean running = true;
  private String image;
  private int stuckTicks;

  ScriptedController(
      KubernetesClient client, String namespace, Set<String> stalling, Set<String> crashing) {
    this.client = client;
    this.namespace = namespace;
    this.stalling = stalling;
    this.crashing = crashing;
    this.thread = Thread.ofVirtual().start(this::run);
  }

  private void run() {
    while (running) {
      try {
        tick();
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A write that raced the driver's is made again on the next tick.
      }
    }
  }

  private void tick() {
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(KubernetesTier.DEFAULT_DEPLOYMENT)
            .get();
    if (deployment == null) {
      return;
    }
    String target = image(deployment);
    if (!target.equals(image)) {
      image = target;
      stuckTicks = 0;
    }
    int desired = deployment.getSpec().getReplicas();
    List<Pod> pods = pods();
    List<Pod> updated = pods.stream().filter(p -> image(p).equals(target)).toList();
    List<Pod> old = pods.stream().filter(p -> !image(p).equals(target)).toList();
    boolean failing = stalling.contains(target) || crashing.contains(target);
    var unready = updated.stream().filter(p -> !ready(p)).findFirst();
    if (unready.isPresent()) {
      if (failing) {
        stuckTicks++;
      } else {
        write(withReady(unready.get(), true));
      }
    } else if (updated.size() < desired && pods.size() <= desired) {
      create(target, deployment);
    } else if (!old.isEmpty()) {
      delete(old.getFirst());
    } else if (updated.size() > desired) {
      delete(updated.getLast());
    }
    pods = pods();
    long ready = pods.stream().filter(ScriptedController::ready).count();
    long current = pods.stream().filter(p -> image(p).equals(target)).count();
    List<DeploymentCondition> conditions = new ArrayList<>();
    if (stuckTicks >= TICKS_TO_DEADLINE) {
      conditions.add(
          new DeploymentConditionBuilder()
              .withType("Progressing")
              .withStatus("False")
              .withReason(RolloutProgress.DEADLINE_EXCEEDED)
              .withMessage("ReplicaSet has timed out progressing.")
              .build());
    }
    Long generation = deployment.getMetadata().getGeneration();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(KubernetesTier.DEFAULT_DEPLOYMENT)
        .editStatus(
            d -> {
              var status =
                  d.getStatus() == null
                      ? new io.fabric8.kubernetes.api.model.apps.DeploymentStatus()
                      : d.getStatus();
              status.setObservedGeneration(generation);
              status.setReplicas(pods().size());
              status.setUpdatedReplicas((int) current);
              status.setReadyReplicas((int) ready);
              status.setAvailableReplicas((int) ready);
              status.setConditions(conditions);
              d.setStatus(status);
              return d;
            });
  }

  private void create(String target, Deployment deployment) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("scorer-" + names.incrementAndGet())
            .withNamespace(namespace)
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(KubernetesTier.CONTAINER)
            .withImage(target)
            .endContainer()
            .endSpec()
            .build();
    pod = withReady(pod, false);
    if (crashing.contains(target)) {
      pod.getStatus()
          .setContainerStatuses(
              List.of(
                  new ContainerStatusBuilder()
                      .withName(KubernetesTier.CONTAINER)
                      .withRestartCount(3)
                      .withNewState()
                      .withNewWaiting()
                      .withReason("CrashLoopBackOff")
                      .withMessage("back-off 40s restarting failed container=scorer")
                      .endWaiting()
                      .endState()
                      .withNewLastState()
                      .withNewTerminated()
                      .withExitCode(1)
                      .endTerminated()
                      .endLastState()
                      .build()));
    }
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private void write(Pod pod) {
    client.pods().inNamespace(namespace).resource(pod).update();
  }

  private void delete(Pod pod) {
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(namespace).list().getItems();
  }

  private static Pod withReady(Pod pod, boolean ready) {
    return new PodBuilder(pod)
        .editOrNewStatus()
        .withConditions(
            new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .build())
        .endStatus()
        .build();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().getFirst().getImage();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
