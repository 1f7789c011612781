package dev.scopeml.nginx.kubernetes;

import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierEvents;
import dev.scopeml.nginx.TierException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scorer tier as a Kubernetes Deployment: a rollout sets the scorer container's image and
 * release label and follows the Deployment's status until every replica is updated and available,
 * as {@code kubectl rollout status} does; the Deployment's RollingUpdate ({@code maxSurge: 1},
 * {@code maxUnavailable: 0}) replaces one pod at a time and never stops a ready one before its
 * replacement is ready. A rollout the controller reports stalled (its progress deadline exceeded)
 * or that makes no progress within the driver's own timeout is abandoned and reported, with the
 * reasons its new pods give; on request the previous pod template is put back and followed until it
 * serves again.
 */
public final class KubernetesTier {

  /** The namespace deploy/kubernetes installs into. */
  public static final String DEFAULT_NAMESPACE = "scopeml";

  /** The scorer Deployment of deploy/kubernetes. */
  public static final String DEFAULT_DEPLOYMENT = "scorer";

  /** The container of the scorer Deployment that runs the scorer image. */
  public static final String CONTAINER = "scorer";

  /** The release label the scorer reports ({@code scopeml.scorer.version}), set with the image. */
  public static final String VERSION_VARIABLE = "SCOPEML_SCORER_VERSION";

  /**
   * Kubernetes' annotation for why a revision was made; {@code kubectl rollout history} shows it.
   */
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final TierEvents events;
  private final Duration poll;
  private final Duration timeout;

  /**
   * @param client the API server's client
   * @param namespace the scorers' namespace
   * @param name the scorer Deployment
   * @param events where progress goes
   * @param poll how often the Deployment's status is read
   * @param timeout the longest a rollout or scale is followed, whatever the Deployment's own
   *     progress deadline says (a cluster whose controller is down reports nothing)
   */
  public KubernetesTier(
      KubernetesClient client,
      String namespace,
      String name,
      TierEvents events,
      Duration poll,
      Duration timeout) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.events = events;
    this.poll = poll;
    this.timeout = timeout;
  }

  /** Where the tier is: the Deployment's template, counts and rollout, and each scorer pod. */
  public KubernetesTierStatus status() {
    Deployment deployment = deployment();
    Container container = scorerContainer(deployment.getSpec().getTemplate());
    var status = deployment.getStatus();
    List<KubernetesTierStatus.PodState> pods =
        pods(deployment).stream().map(KubernetesTierStatus.PodState::of).toList();
    return new KubernetesTierStatus(
        namespace,
        name,
        container.getImage(),
        version(container).orElse(null),
        count(deployment.getSpec().getReplicas()),
        status == null ? 0 : count(status.getUpdatedReplicas()),
        status == null ? 0 : count(status.getReadyReplicas()),
        status == null ? 0 : count(status.getAvailableReplicas()),
        RolloutProgress.of(deployment).message(),
        pods);
  }

  /**
   * Rolls the scorers out to {@code release}: its artifact is the image, its version the release
   * label. Returns once every replica runs it and is available, or once the rollout failed.
   *
   * @param undoOnFailure put the previous pod template back when the rollout fails
   */
  public RolloutResult rollout(ScorerRelease release, boolean undoOnFailure) {
    long start = System.nanoTime();
    Deployment before = deployment();
    PodTemplateSpec previous =
        client.getKubernetesSerialization().clone(before.getSpec().getTemplate());
    String previousImage = scorerContainer(previous).getImage();
    resource()
        .edit(
            deployment -> {
              Container scorer = scorerContainer(deployment.getSpec().getTemplate());
              scorer.setImage(release.artifact());
              setVersion(scorer, release.version());
              annotate(deployment, "scopeml rollout --to " + release.artifact());
              return deployment;
            });
    events.step(
        "set "
            + name
            + " to "
            + release.artifact()
            + " ("
            + release.version()
            + "), was "
            + previousImage
            + "; following the rollout");
    Outcome outcome = follow(release.artifact());
    if (outcome.progress().state() == RolloutProgress.State.DONE) {
      events.step("rollout to " + release.version() + " done: " + outcome.progress().message());
      return new RolloutResult(true, outcome.progress().updated(), elapsed(start), null);
    }
    String failure = outcome.failure();
    events.step("rollout to " + release.version() + " failed: " + failure);
    String cause = "scopeml rollout undone after: " + failure;
    if (undoOnFailure) {
      resource()
          .edit(
              deployment -> {
                deployment.getSpec().setTemplate(previous);
                annotate(deployment, cause);
                return deployment;
              });
      events.step("restored the previous template (" + previousImage + "); following it back");
      Outcome back = follow(previousImage);
      failure +=
          back.progress().state() == RolloutProgress.State.DONE
              ? "; the previous template ("
                  + previousImage
                  + ") is back: "
                  + back.progress().message()
              : "; restoring the previous template ("
                  + previousImage
                  + ") failed too: "
                  + back.failure();
    }
    return new RolloutResult(false, outcome.progress().updated(), elapsed(start), failure);
  }

  /**
   * Sets the number of scorers and waits until that many are available. Refused while a
   * HorizontalPodAutoscaler owns the number: it would undo the change.
   */
  public RolloutResult scale(int replicas) {
    if (replicas < 1) {
      throw new TierException("a tier needs at least one scorer, not " + replicas);
    }
    long start = System.nanoTime();
    Deployment deployment = deployment();
    for (HorizontalPodAutoscaler autoscaler :
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(namespace)
            .list()
            .getItems()) {
      var target = autoscaler.getSpec().getScaleTargetRef();
      if ("Deployment".equals(target.getKind()) && name.equals(target.getName())) {
        throw new TierException(
            "HorizontalPodAutoscaler "
                + autoscaler.getMetadata().getName()
                + " sets the scorers between "
                + autoscaler.getSpec().getMinReplicas()
                + " and "
                + autoscaler.getSpec().getMaxReplicas()
                + " and would undo a scale: change its bounds (kubectl edit hpa "
                + autoscaler.getMetadata().getName()
                + ") or delete it first");
      }
    }
    int before = count(deployment.getSpec().getReplicas());
    resource()
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return d;
            });
    events.step("scaling " + name + " from " + before + " to " + replicas + " replicas");
    Outcome outcome = follow(scorerContainer(deployment.getSpec().getTemplate()).getImage());
    if (outcome.progress().state() == RolloutProgress.State.DONE) {
      events.step("scaled: " + outcome.progress().message());
      return new RolloutResult(true, 0, elapsed(start), null);
    }
    return new RolloutResult(false, 0, elapsed(start), outcome.failure());
  }

  /**
   * How following a rollout ended.
   *
   * @param progress the last progress read
   * @param podProblems what the pods of the followed image said was wrong
   * @param timedOut the driver's own timeout, when that ended it; null otherwise
   */
  private record Outcome(RolloutProgress progress, Set<String> podProblems, Duration timedOut) {

    String failure() {
      String why =
          timedOut != null
              ? String.format(
                  java.util.Locale.ROOT,
                  "not rolled out within %.1f s (%s)",
                  timedOut.toMillis() / 1000.0,
                  progress.message())
              : progress.message();
      return podProblems.isEmpty() ? why : why + "; " + String.join("; ", podProblems);
    }
  }

  /** Reads the Deployment until its rollout is done or failed, reporting what changes. */
  private Outcome follow(String image) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    Set<String> podProblems = new LinkedHashSet<>();
    while (true) {
      Deployment deployment = deployment();
      RolloutProgress progress = RolloutProgress.of(deployment);
      if (!progress.message().equals(last)) {
        last = progress.message();
        if (progress.state() == RolloutProgress.State.WAITING) {
          events.step(progress.message());
        }
      }
      for (Pod pod : pods(deployment)) {
        if (runs(pod, image)) {
          PodProblems.of(pod)
              .filter(podProblems::add)
              .ifPresent(problem -> events.step("new scorer failing: " + problem));
        }
      }
      if (progress.state() != RolloutProgress.State.WAITING) {
        return new Outcome(progress, podProblems, null);
      }
      if (System.nanoTime() > deadline) {
        return new Outcome(progress, podProblems, timeout);
      }
      try {
        Thread.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TierException("interrupted while following " + name, e);
      }
    }
  }

  private static boolean runs(Pod pod, String image) {
    return pod.getSpec() != null
        && pod.getSpec().getContainers().stream()
            .anyMatch(c -> c.getName().equals(CONTAINER) && image.equals(c.getImage()));
  }

  private List<Pod> pods(Deployment deployment) {
    var labels = deployment.getSpec().getSelector().getMatchLabels();
    return new ArrayList<>(
        client.pods().inNamespace(namespace).withLabels(labels).list().getItems());
  }

  private Deployment deployment() {
    Deployment deployment;
    try {
      deployment = resource().get();
    } catch (KubernetesClientException e) {
      throw new TierException(
          "cannot read Deployment " + name + " in namespace " + namespace + ": " + e.getMessage(),
          e);
    }
    if (deployment == null) {
      throw new TierException(
          "no Deployment "
              + name
              + " in namespace "
              + namespace
              + ": apply deploy/kubernetes first (kubectl apply -k deploy/kubernetes/overlays/…)");
    }
    return deployment;
  }

  private RollableScalableResource<Deployment> resource() {
    return client.apps().deployments().inNamespace(namespace).withName(name);
  }

  private Container scorerContainer(PodTemplateSpec template) {
    return template.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(CONTAINER))
        .findFirst()
        .orElseThrow(
            () ->
                new TierException(
                    "Deployment " + name + " has no container " + CONTAINER + " to roll out"));
  }

  private static Optional<String> version(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(VERSION_VARIABLE))
        .map(EnvVar::getValue)
        .findFirst();
  }

  private static void setVersion(Container container, String version) {
    container.getEnv().removeIf(e -> e.getName().equals(VERSION_VARIABLE));
    container.getEnv().add(new EnvVar(VERSION_VARIABLE, version, null));
  }

  private static void annotate(Deployment deployment, String cause) {
    var annotations = new java.util.LinkedHashMap<String, String>();
    if (deployment.getMetadata().getAnnotations() != null) {
      annotations.putAll(deployment.getMetadata().getAnnotations());
    }
    annotations.put(CHANGE_CAUSE, cause);
    deployment.getMetadata().setAnnotations(annotations);
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
