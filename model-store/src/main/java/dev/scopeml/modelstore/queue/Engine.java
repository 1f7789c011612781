package dev.scopeml.modelstore.queue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What runs a training run or a scoring job: the trainers' workers, claiming its tasks from the
 * queue, or a Spark application, which marks the tasks of its run (or holds its job's rows chunk)
 * itself.
 */
public enum Engine {
  TRAINER,
  SPARK;

  /** The API's and the database's spelling: {@code spark}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The engine spelled {@code name} in the API. */
  public static Optional<Engine> fromApi(String name) {
    return Arrays.stream(values()).filter(e -> e.apiName().equals(name)).findFirst();
  }

  static Engine fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
