package dev.scopeml.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.PromotionPolicy;
import dev.scopeml.learning.runs.RunData;
import dev.scopeml.learning.runs.RunSpec;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.trainer.config.SecretDigest;
import dev.scopeml.trainer.config.TrainerProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunDataCacheTest {

  private static final RunData DATA =
      RunData.prepare(
          new RunSpec(
              "m",
              null,
              "y",
              List.of("s"),
              List.of(),
              Set.of("NA"),
              List.of("x"),
              Map.of(),
              Map.of("x", FeatureKind.NUMERIC),
              List.of("a", "b"),
              "xgboost",
              Map.of(),
              0.2,
              1,
              4,
              false,
              PromotionPolicy.ALWAYS,
              PromotionPolicy.Metric.AUC,
              100),
          DataTable.of(
              List.of("y", "s", "x"),
              List.of(
                  new ColumnValues.Text(new String[] {"a", "b"}),
                  new ColumnValues.Text(new String[] {"1", "2"}),
                  new ColumnValues.Text(new String[] {"0.5", "7"}))),
          0);

  @Test
  void concurrentTasksOfOneRunLoadItsDataOnce() throws InterruptedException {
    var cache = cache(2);
    var loads = new AtomicInteger();
    var start = new CountDownLatch(1);
    UUID run = UUID.randomUUID();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < 8; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    awaitQuietly(start);
                    cache.get(
                        run,
                        () -> {
                          loads.incrementAndGet();
                          sleepQuietly();
                          return DATA;
                        });
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFailedLoadIsNotKeptAndOldRunsAreEvicted() {
    var cache = cache(1);
    UUID run = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                cache.get(
                    run,
                    () -> {
                      throw new IllegalStateException("database away");
                    }))
        .hasMessage("database away");
    assertThat(cache.get(run, () -> DATA)).isSameAs(DATA);

    UUID other = UUID.randomUUID();
    cache.put(other, DATA);
    var loads = new AtomicInteger();
    cache.get(
        run,
        () -> {
          loads.incrementAndGet();
          return DATA;
        });
    assertThat(loads).as("the first run was evicted by the second").hasValue(1);
  }

  private static RunDataCache cache(int runs) {
    return new RunDataCache(
        new TrainerProperties(
            new TrainerProperties.Db(null, null, null, null, 1),
            SecretDigest.of("t"),
            null,
            null,
            new TrainerProperties.Trainer(
                1,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                1,
                runs,
                0),
            null,
            Map.of()));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
