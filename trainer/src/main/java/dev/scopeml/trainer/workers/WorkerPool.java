package dev.scopeml.trainer.workers;

import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.trainer.config.TrainerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This trainer's worker threads. Each claims one piece of work at a time from the shared queue
 * under a lease (a training task or a scoring chunk: each worker asks the kinds in turn, starting
 * with the one after the kind it last ran, so that neither starves the other), keeps the lease
 * alive with heartbeats while it works, and reports the outcome. Any number of trainers run pools
 * on one database; work whose worker stops heartbeating is claimed again once its lease expires.
 *
 * <p>Logs of a piece of work carry what its kind names in the MDC ({@code run}, {@code scope},
 * {@code task}, {@code attempt} for training tasks). The gauge {@code scopeml.tasks.active} counts
 * the pieces in progress.
 */
@Component
public class WorkerPool implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  private final List<WorkKind<?>> kinds;
  private final AtomicInteger active = new AtomicInteger();
  private final TrainerProperties.Trainer settings;
  private final String name;
  private final Object idle = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledExecutorService heartbeats;
  private volatile boolean running;
  private volatile boolean halted;

  WorkerPool(List<WorkKind<?>> kinds, MeterRegistry registry, TrainerProperties properties) {
    this.kinds = List.copyOf(kinds);
    this.settings = properties.trainer();
    registry.gauge("scopeml.tasks.active", active);
    this.name = hostName() + "-" + ProcessHandle.current().pid() + "-" + randomSuffix();
  }

  /** The pool's name; its workers are {@code <name>/w<i>} in lease owners and logs. */
  public String name() {
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
  public synchronized void halt() {
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
    int next = 0;
    while (running) {
      boolean worked = false;
      for (int i = 0; i < kinds.size() && running && !worked; i++) {
        int k = (next + i) % kinds.size();
        try {
          worked = claimAndRun(kinds.get(k), worker);
        } catch (RuntimeException e) {
          log.warn("worker {} cannot claim work: {}", worker, e.getMessage());
        }
        if (worked) {
          next = k + 1;
        }
      }
      if (!worked) {
        pause();
      }
    }
  }

  /** Claims one piece of {@code kind} and runs it; false when there was none. */
  private <T> boolean claimAndRun(WorkKind<T> kind, String worker) {
    Optional<T> claimed = kind.claim(worker, settings.lease());
    claimed.ifPresent(work -> run(kind, work));
    return claimed.isPresent();
  }

  private <T> void run(WorkKind<T> kind, T work) {
    kind.logContext(work).forEach(MDC::put);
    var control = new Control();
    ScheduledFuture<?> beat = null;
    active.incrementAndGet();
    try {
      beat = scheduleHeartbeat(kind, work, control);
      Outcome outcome = kind.run(work, control);
      if (halted) {
        return;
      }
      switch (outcome) {
        case Outcome.Ended ended -> end(kind, work, ended);
        case Outcome.Abandoned abandoned -> {
          log.warn("dropped {}: {}", kind.describe(work), abandoned.why());
          kind.counted("lease_lost");
        }
      }
    } catch (Exception | LinkageError e) {
      if (halted) {
        return;
      }
      log.warn("{} failed", kind.describe(work), e);
      fail(kind, work, e);
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
      active.decrementAndGet();
      MDC.clear();
    }
  }

  private <T> void end(WorkKind<T> kind, T work, Outcome.Ended ended) {
    if (kind.complete(work, ended)) {
      kind.counted(ended.status().name().toLowerCase(java.util.Locale.ROOT));
    } else {
      kind.counted("lease_lost");
      log.warn("{} ended but its lease was lost; the new owner reports it", kind.describe(work));
    }
  }

  private <T> void fail(WorkKind<T> kind, T work, Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    try {
      Optional<TaskStatus> status = kind.fail(work, message);
      kind.counted(
          status.map(s -> s == TaskStatus.FAILED ? "failed" : "retried").orElse("lease_lost"));
    } catch (RuntimeException e) {
      log.warn("cannot record the failure of {}: {}", kind.describe(work), e.getMessage());
    }
  }

  private <T> ScheduledFuture<?> scheduleHeartbeat(WorkKind<T> kind, T work, Control control) {
    long every = settings.heartbeat().toMillis();
    String described = kind.describe(work);
    try {
      return heartbeats.scheduleAtFixedRate(
          () -> {
            try {
              if (!kind.heartbeat(work, settings.lease())) {
                control.leaseLost();
              }
            } catch (RuntimeException e) {
              // The database may be briefly away; the lease outlives a few missed beats.
              log.warn("heartbeat of {} failed: {}", described, e.getMessage());
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

  /** The worker's side of one piece of work: lease loss and halting. */
  private final class Control implements Lease {
    private volatile boolean leaseLost;

    void leaseLost() {
      leaseLost = true;
    }

    @Override
    public boolean abandoned() {
      return halted || leaseLost;
    }
  }
}
