package dev.scopeml.scorer.modelcache;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.RowEncoder;
import java.time.Instant;
import java.util.List;

/**
 * A verified model version ready to serve: its encoder and predictor, both thread-safe. Immutable
 * apart from the time it was last used, which only steers eviction. A request takes one reference
 * and uses it to the end, so a swap of the cache never mixes versions inside a response.
 */
public final class LoadedModel {

  private final ModelScope key;
  private final int version;
  private final String algorithm;
  private final FeatureSchema schema;
  private final RowEncoder encoder;
  private final Predictor predictor;
  private final String[] classes;
  private final long estimatedBytes;
  private final Instant loadedAt;
  private volatile long lastUsedNanos;

  LoadedModel(
      ModelScope key,
      int version,
      String algorithm,
      FeatureSchema schema,
      Predictor predictor,
      long estimatedBytes) {
    this.key = key;
    this.version = version;
    this.algorithm = algorithm;
    this.schema = schema;
    this.encoder = schema.encoder();
    this.predictor = predictor;
    this.classes = schema.classes().toArray(String[]::new);
    this.estimatedBytes = estimatedBytes;
    this.loadedAt = Instant.now();
    this.lastUsedNanos = System.nanoTime();
  }

  public ModelScope key() {
    return key;
  }

  public int version() {
    return version;
  }

  public String algorithm() {
    return algorithm;
  }

  public FeatureSchema schema() {
    return schema;
  }

  /** The encoder of the schema this version was trained with. */
  public RowEncoder encoder() {
    return encoder;
  }

  public Predictor predictor() {
    return predictor;
  }

  /** Class labels in output order. */
  public List<String> classes() {
    return List.of(classes);
  }

  /** Class label {@code index}, without copying the list. */
  public String className(int index) {
    return classes[index];
  }

  public int classCount() {
    return classes.length;
  }

  /** The memory this version is estimated to hold, the unit of the cache's bound. */
  public long estimatedBytes() {
    return estimatedBytes;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  void touch() {
    // A racy write is fine: eviction only needs a rough recency order.
    lastUsedNanos = System.nanoTime();
  }

  @Override
  public String toString() {
    return key + " v" + version;
  }
}
