package dev.scopeml.trainer.training;

import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.trainer.config.TrainerProperties;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This trainer's worker threads. Each claims one task at a time from the shared queue under a
 * lease, keeps the lease alive with heartbeats while it trains, and reports the outcome. Any number
 * of trainers run pools on one database; a task whose worker stops heartbeating is claimed again
 * once its lease expires.
 *
 * <p>Logs of a task carry {@code run}, {@code model}, {@code scope}, {@code task} and {@code
 * attempt} in the MDC.
 */
@Component
class WorkerPool implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  private final TrainingQueue queue;
  private final ScopeTrainer trainer;
  private final TrainingMetrics metrics;
  private final JsonMapper json;
  private final List<TaskPhaseListener> listeners;
  private final TrainerProperties.Trainer settings;
  private final String name;
  private final Object idle = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledExecutorService heartbeats;
  private volatile boolean running;
  private volatile boolean halted;

  WorkerPool(
      TrainingQueue queue,
      ScopeTrainer trainer,
      TrainingMetrics metrics,
      JsonMapper json,
      List<TaskPhaseListener> listeners,
      TrainerProperties properties) {
    this.queue = queue;
    this.trainer = trainer;
    this.metrics = metrics;
    this.json = json;
    this.listeners = List.copyOf(listeners);
    this.settings = properties.trainer();
    this.name = hostName() + "-" + ProcessHandle.current().pid() + "-" + randomSuffix();
  }

  /** The pool's name; its workers are {@code <name>/w<i>} in lease owners and logs. */
  String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    halted = false;
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heartbeat-" + name).daemon().factory());
    for (int i = 1; i <= settings.workers(); i++) {
      String worker = name + "/w" + i;
      threads.add(Thread.ofPlatform().name(worker).daemon().start(() -> work(worker)));
    }
    log.info(
        "worker pool {} started: {} workers, lease {}, heartbeat {}",
        name,
        settings.workers(),
        settings.lease(),
        settings.heartbeat());
  }

  /**
   * Stops claiming and waits, up to one lease, for the tasks in progress to end. A task still
   * running after that is left to its lease and taken over by another trainer.
   */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wake();
    join(settings.lease());
    heartbeats.shutdownNow();
    threads.clear();
    log.info("worker pool {} stopped", name);
  }

  /**
   * Stops the pool as a crash would: heartbeats stop at once, and workers drop their tasks without
   * completing, failing or releasing them, so they stay claimed until their leases expire.
   */
  synchronized void halt() {
    halted = true;
    running = false;
    if (heartbeats != null) {
      heartbeats.shutdownNow();
    }
    wake();
    log.warn("worker pool {} halted: its tasks are left to their leases", name);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void work(String worker) {
    while (running) {
      Optional<ClaimedTask> claimed;
      try {
        claimed = queue.claim(worker, settings.lease());
      } catch (RuntimeException e) {
        log.warn("worker {} cannot claim a task: {}", worker, e.getMessage());
        pause();
        continue;
      }
      if (claimed.isEmpty()) {
        pause();
      } else {
        run(claimed.get());
      }
    }
  }

  private void run(ClaimedTask task) {
    MDC.put("run", task.runId().toString());
    MDC.put("model", task.model());
    MDC.put("scope", task.scope().toString());
    MDC.put("task", Long.toString(task.id()));
    MDC.put("attempt", Integer.toString(task.attempt()));
    var control = new Control(task);
    ScheduledFuture<?> beat = null;
    metrics.taskStarted();
    try {
      beat = scheduleHeartbeat(task, control);
      if (control.stopsAt(TaskPhase.CLAIMED)) {
        return;
      }
      log.info("training scope {} (attempt {})", task.scope(), task.attempt());
      Outcome outcome = trainer.train(task, control);
      if (halted) {
        return;
      }
      switch (outcome) {
        case Outcome.Ended ended -> end(task, ended);
        case Outcome.Abandoned abandoned -> {
          log.warn("dropped scope {}: {}", task.scope(), abandoned.why());
          metrics.taskEnded("lease_lost");
        }
      }
    } catch (Exception | LinkageError e) {
      if (halted) {
        return;
      }
      log.warn("scope {} failed on attempt {}", task.scope(), task.attempt(), e);
      fail(task, e);
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
      metrics.taskFinished();
      MDC.clear();
    }
  }

  private void end(ClaimedTask task, Outcome.Ended ended) {
    String status = ended.status().name().toLowerCase(Locale.ROOT);
    if (queue.complete(task, ended.status(), json.writeValueAsString(ended.result()))) {
      metrics.taskEnded(status);
      log.info(
          "scope {} {}{}",
          task.scope(),
          status,
          ended.result().version() == null
              ? ": " + ended.result().reason()
              : " as version " + ended.result().version());
    } else {
      metrics.taskEnded("lease_lost");
      log.warn("scope {} ended but its lease was lost; the new owner reports it", task.scope());
    }
  }

  private void fail(ClaimedTask task, Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    try {
      Optional<TaskStatus> status = queue.fail(task, message);
      metrics.taskEnded(
          status.map(s -> s == TaskStatus.FAILED ? "failed" : "retried").orElse("lease_lost"));
    } catch (RuntimeException e) {
      log.warn("cannot record the failure of scope {}: {}", task.scope(), e.getMessage());
    }
  }

  private ScheduledFuture<?> scheduleHeartbeat(ClaimedTask task, Control control) {
    long every = settings.heartbeat().toMillis();
    String mdcRun = MDC.get("run");
    try {
      return heartbeats.scheduleAtFixedRate(
          () -> {
            try {
              if (!queue.heartbeat(task, settings.lease())) {
                control.leaseLost();
              }
            } catch (RuntimeException e) {
              // The database may be briefly away; the lease outlives a few missed beats.
              log.warn(
                  "heartbeat of run {} scope {} failed: {}", mdcRun, task.scope(), e.getMessage());
            }
          },
          every,
          every,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      control.leaseLost();
      return null;
    }
  }

  private void pause() {
    long base = settings.pollInterval().toMillis();
    // Jitter keeps the workers of many trainers from polling in lockstep.
    long wait = base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 2));
    synchronized (idle) {
      if (running) {
        try {
          idle.wait(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  private void wake() {
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  private void join(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
          log.warn("worker {} still busy at shutdown; its lease will expire", thread.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[3];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The worker's side of one task: listeners, lease loss and halting. */
  private final class Control implements TaskControl {
    private final ClaimedTask task;
    private volatile boolean leaseLost;

    Control(ClaimedTask task) {
      this.task = task;
    }

    void leaseLost() {
      leaseLost = true;
    }

    @Override
    public void reached(TaskPhase phase) {
      for (TaskPhaseListener listener : listeners) {
        listener.reached(phase, task);
      }
    }

    @Override
    public boolean abandoned() {
      return halted || leaseLost;
    }
  }
}
