package dev.scopeml.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * The engine's settings, read from Spark's configuration ({@code --conf spark.scopeml.…}), which
 * the trainer sets when it submits and a hand-written {@code spark-submit} sets likewise.
 *
 * @param dataDirectory the root of runs' CSV sources, the trainer's {@code scopeml.data-dir}, seen
 *     at the same path by the driver and every executor
 * @param referenceRows holdout rows stored with each version (the trainer's {@code
 *     scopeml.trainer.reference-rows})
 * @param maxScopeRows the most rows a scope may have: a larger one is refused, not trained
 */
public record EngineSettings(Path dataDirectory, int referenceRows, long maxScopeRows) {

  public static final String DATA_DIR = "spark.scopeml.data-dir";
  public static final String REFERENCE_ROWS = "spark.scopeml.reference-rows";
  public static final String MAX_SCOPE_ROWS = "spark.scopeml.max-scope-rows";

  /** The settings in {@code conf}, with the trainer's defaults. */
  public static EngineSettings of(SparkConf conf) {
    return new EngineSettings(
        Path.of(conf.get(DATA_DIR, System.getenv().getOrDefault("SCOPEML_DATA_DIR", "data"))),
        conf.getInt(REFERENCE_ROWS, 20),
        conf.getLong(MAX_SCOPE_ROWS, 1_000_000L));
  }
}
