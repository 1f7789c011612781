package dev.scopeml.cli.tier;

import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.SparkClusterState;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.nginx.ScrapeTargets;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.kubernetes.KubernetesTierStatus;
import dev.scopeml.processes.HttpProbe;
import dev.scopeml.processes.ProcessRef;
import java.io.PrintWriter;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code scopeml status}: the local stack's processes and the scorer tier, each scorer with its
 * version and whether it is ready. Exits 0 when everything runs and every scorer is ready.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the local stack and the scorer tier: release, scorers, readiness.")
public final class StatusCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @Mixin TierOptions tier;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StackPaths paths = StackPaths.current();
    boolean healthy = true;
    if (tier.driver == TierOptions.Driver.kubernetes) {
      try (var open = tier.kubernetes.open(dev.scopeml.nginx.TierEvents.silent())) {
        healthy = printKubernetes(out, open.tier().status());
      }
      out.flush();
      return healthy ? 0 : 1;
    }
    if (tier.driver == TierOptions.Driver.local) {
      Optional<StackState> stack = new LocalStack(paths, out, Map.of()).running();
      if (stack.isEmpty()) {
        out.println(
            "The local stack is not running ("
                + StackPaths.show(paths.home())
                + "): start it with ./scopeml up");
        out.flush();
        return 1;
      }
      healthy = printStack(out, paths, stack.get());
    }
    try (var open = tier.inspect(paths, out)) {
      healthy &= printTier(out, open.name(), open.controller());
    }
    out.flush();
    return healthy ? 0 : 1;
  }

  private static boolean printStack(PrintWriter out, StackPaths paths, StackState stack) {
    out.printf(
        "Local stack: %s since %s (supervisor pid %d, directory %s)%n",
        stack.status(),
        TIME.format(stack.startedAt()),
        stack.supervisor().pid(),
        StackPaths.show(paths.home()));
    out.printf(
        "  database  %s%s%n",
        stack.databaseUrl(),
        stack.postgres() == null
            ? " (SCOPEML_DB_URL)"
            : " (embedded PostgreSQL, pid "
                + stack.postgres().pid()
                + alive(stack.postgres())
                + ")");
    boolean trainerReady =
        stack.trainerUrl() != null
            && HttpProbe.ok(URI.create(stack.trainerUrl() + "/actuator/health/readiness"));
    if (stack.trainerUrl() != null) {
      out.printf(
          "  trainer   %s %s (pid %d)%n",
          stack.trainerUrl(), trainerReady ? "ready" : "NOT READY", stack.trainer().pid());
    }
    if (stack.kafkaBootstrap() != null) {
      out.printf(
          "  kafka     %s%s%n",
          stack.kafkaBootstrap(),
          stack.kafka() == null
              ? " (SCOPEML_KAFKA_BOOTSTRAP)"
              : " (local broker, pid " + stack.kafka().pid() + alive(stack.kafka()) + ")");
    }
    boolean sparkUp = printSpark(out, paths);
    boolean nginxUp =
        stack.nginxUrl() == null || HttpProbe.ok(URI.create(stack.nginxUrl() + "/nginx/health"));
    out.printf(
        "  nginx     %s%n",
        stack.nginxUrl() == null
            ? "not installed: clients call the scorers directly"
            : stack.nginxUrl() + (nginxUp ? " running" : " NOT ANSWERING"));
    boolean kafkaUp = stack.kafka() == null || stack.kafka().isAlive();
    return stack.isUp() && trainerReady && nginxUp && kafkaUp && sparkUp;
  }

  /** The Spark cluster of {@code up --spark}, if the stack has one; whether it all runs. */
  private static boolean printSpark(PrintWriter out, StackPaths paths) {
    Optional<SparkClusterState> spark = SparkClusterState.file(paths).load();
    if (spark.isEmpty()) {
      return true;
    }
    SparkClusterState cluster = spark.get();
    out.printf(
        "  spark     %s (Master pid %d%s)%n",
        cluster.masterUrl(), cluster.master().pid(), alive(cluster.master()));
    boolean up = cluster.master().isAlive();
    for (ProcessRef worker : cluster.workers()) {
      out.printf("            Worker pid %d%s%n", worker.pid(), alive(worker));
      up &= worker.isAlive();
    }
    return up;
  }

  private static String alive(ProcessRef process) {
    return process.isAlive() ? "" : ", NOT RUNNING";
  }

  private static boolean printTier(PrintWriter out, String name, TierController controller) {
    TierState state = controller.status();
    out.printf(
        "Scorer tier (%s): release %s (%s), %d slots%n",
        name, state.release().version(), state.release().artifact(), state.slots().size());
    List<TierController.BackendStatus> backends = controller.backendStatuses();
    if (backends.isEmpty()) {
      out.println("  no scorers");
      return false;
    }
    String format = "  %-24s %-12s %-5s %-22s %-22s %-8s %s%n";
    out.printf(format, "scorer", "version", "slot", "address", "operator", "pid", "ready");
    boolean ready = true;
    for (TierController.BackendStatus status : backends) {
      ready &= status.ready();
      out.printf(
          format,
          status.backend().id(),
          status.backend().version(),
          status.backend().slot(),
          status.backend().address(),
          status.backend().operatorAddress(),
          status.backend().pid() < 0 ? "-" : Long.toString(status.backend().pid()),
          status.ready()
              ? "yes"
              : "no" + (status.exitReason() == null ? "" : ": " + status.exitReason()));
    }
    out.println(
        "  operators: metrics at http://<operator>/actuator/prometheus, model metadata at"
            + " http://<operator>/v2/models/<model>; Prometheus targets in "
            + ScrapeTargets.FILE
            + " beside the tier state");
    return ready;
  }

  private static boolean printKubernetes(PrintWriter out, KubernetesTierStatus status) {
    out.printf(
        "Scorer tier (Deployment %s, namespace %s): %s (%s)%n",
        status.deployment(), status.namespace(), status.version(), status.image());
    out.printf(
        "  replicas: %d desired, %d updated, %d ready, %d available; %s%n",
        status.desired(), status.updated(), status.ready(), status.available(), status.rollout());
    String format = "  %-36s %-32s %-5s %-8s %s%n";
    out.printf(format, "pod", "image", "ready", "restarts", "problem");
    for (KubernetesTierStatus.PodState pod : status.pods()) {
      out.printf(
          format,
          pod.name(),
          pod.image(),
          pod.ready() ? "yes" : "no",
          pod.restarts(),
          pod.problem() == null ? "" : pod.problem());
    }
    return status.healthy();
  }
}
