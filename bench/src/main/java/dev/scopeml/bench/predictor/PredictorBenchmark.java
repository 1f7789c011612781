package dev.scopeml.bench.predictor;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.xgboost.TribuoModelPredictor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * One XGBoost model (100 boosting rounds of depth 6 on 20 features, trained through Tribuo, whose
 * {@code multi:softprob} objective grows one tree per class per round: 200 trees) served four ways,
 * single row and batches of 1,000 rows, on one thread: the flat tree-ensemble predictor;
 * xgboost4j's {@code Booster.predict} on a {@code DMatrix} built per call; xgboost4j's {@code
 * inplace_predict}; Tribuo's {@code Model.predict}. Smile gradient boosting with 100 trees of depth
 * 6 is measured on the same rows for scale. Native prediction is pinned to one thread so every path
 * uses one core.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PredictorBenchmark {

  static final int TRAIN_ROWS = 10_000;
  static final int BATCH = 1_000;
  static final int POOL = 1_024;

  /** The generated rows: training rows, a pool of single rows, and one batch. */
  @State(Scope.Benchmark)
  public static class Rows {
    BenchData data;
    int[] trainRows;
    double[][] single;
    float[][] singleFloat;
    double[][] singleImputed;
    double[] batch;
    float[] batchFloat;
    double[] batchImputed;

    @Setup
    public void generate() {
      data = BenchData.generate(TRAIN_ROWS + POOL + BATCH, 7);
      trainRows = IntStream.range(0, TRAIN_ROWS).toArray();
      int width = data.schema().width();
      double[][] imputed = data.imputed().rows();
      single = new double[POOL][];
      singleFloat = new float[POOL][];
      singleImputed = new double[POOL][];
      for (int i = 0; i < POOL; i++) {
        single[i] = data.rows()[TRAIN_ROWS + i];
        singleFloat[i] = toFloat(single[i]);
        singleImputed[i] = imputed[TRAIN_ROWS + i];
      }
      batch = new double[BATCH * width];
      batchImputed = new double[BATCH * width];
      for (int i = 0; i < BATCH; i++) {
        System.arraycopy(data.rows()[TRAIN_ROWS + POOL + i], 0, batch, i * width, width);
        System.arraycopy(imputed[TRAIN_ROWS + POOL + i], 0, batchImputed, i * width, width);
      }
      batchFloat = toFloat(batch);
    }

    private static float[] toFloat(double[] values) {
      float[] floats = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        floats[i] = (float) values[i];
      }
      return floats;
    }
  }

  /** The XGBoost model and its three prediction paths besides ours. */
  @State(Scope.Benchmark)
  public static class XGBoostPaths {
    Predictor fast;
    Booster booster;
    TribuoModelPredictor tribuo;

    @Setup
    @SuppressWarnings("unchecked")
    public void train(Rows rows) throws XGBoostError {
      Algorithm xgboost = Algorithms.byName("xgboost");
      FittedModel fitted =
          xgboost.fit(
              rows.data.nativeMissing().subset(rows.trainRows),
              xgboost.validate(Map.of("trees", 100, "maxDepth", 6, "threads", 2)),
              1);
      var model = (XGBoostModel<Label>) fitted.model();
      model.setNumThreads(1);
      fast = fitted.predictor();
      tribuo = new TribuoModelPredictor(model, rows.data.schema());
      booster = model.getInnerModels().get(0);
      booster.setParam("nthread", 1);
    }

    @TearDown
    public void release() {
      booster.dispose();
    }
  }

  /** Smile gradient boosting of the same size, trained on the imputed rows. */
  @State(Scope.Benchmark)
  public static class SmilePath {
    Predictor smile;

    @Setup
    public void train(Rows rows) {
      Algorithm gbm = Algorithms.byName("smile-gbm");
      smile =
          gbm.fit(
                  rows.data.imputed().subset(rows.trainRows),
                  gbm.validate(Map.of("trees", 100, "maxDepth", 6, "maxNodes", 64)),
                  1)
              .predictor();
    }
  }

  /** Per-thread output buffers and the position in the row pool. */
  @State(Scope.Thread)
  public static class Cursor {
    final double[] out = new double[2];
    final double[] batchOut = new double[BATCH * 2];
    int next;

    int nextRow() {
      return next++ & (POOL - 1);
    }
  }

  @Benchmark
  public double fastSingle(XGBoostPaths paths, Rows rows, Cursor cursor) {
    paths.fast.predict(rows.single[cursor.nextRow()], cursor.out);
    return cursor.out[1];
  }

  @Benchmark
  public double fastBatch(XGBoostPaths paths, Rows rows, Cursor cursor) {
    paths.fast.predictBatch(rows.batch, BATCH, cursor.batchOut);
    return cursor.batchOut[1];
  }

  @Benchmark
  public void xgboostDMatrixSingle(XGBoostPaths paths, Rows rows, Cursor cursor, Blackhole bh)
      throws XGBoostError {
    DMatrix matrix =
        new DMatrix(rows.singleFloat[cursor.nextRow()], 1, BenchData.FEATURES, Float.NaN);
    try {
      bh.consume(paths.booster.predict(matrix));
    } finally {
      matrix.dispose();
    }
  }

  @Benchmark
  public void xgboostDMatrixBatch(XGBoostPaths paths, Rows rows, Blackhole bh) throws XGBoostError {
    DMatrix matrix = new DMatrix(rows.batchFloat, BATCH, BenchData.FEATURES, Float.NaN);
    try {
      bh.consume(paths.booster.predict(matrix));
    } finally {
      matrix.dispose();
    }
  }

  @Benchmark
  public float[][] xgboostInplaceSingle(XGBoostPaths paths, Rows rows, Cursor cursor)
      throws XGBoostError {
    return paths.booster.inplace_predict(
        rows.singleFloat[cursor.nextRow()], 1, BenchData.FEATURES, Float.NaN);
  }

  @Benchmark
  public float[][] xgboostInplaceBatch(XGBoostPaths paths, Rows rows) throws XGBoostError {
    return paths.booster.inplace_predict(rows.batchFloat, BATCH, BenchData.FEATURES, Float.NaN);
  }

  @Benchmark
  public double tribuoSingle(XGBoostPaths paths, Rows rows, Cursor cursor) {
    paths.tribuo.predict(rows.single[cursor.nextRow()], cursor.out);
    return cursor.out[1];
  }

  @Benchmark
  public double tribuoBatch(XGBoostPaths paths, Rows rows, Cursor cursor) {
    paths.tribuo.predictBatch(rows.batch, BATCH, cursor.batchOut);
    return cursor.batchOut[1];
  }

  @Benchmark
  public double smileGbmSingle(SmilePath path, Rows rows, Cursor cursor) {
    path.smile.predict(rows.singleImputed[cursor.nextRow()], cursor.out);
    return cursor.out[1];
  }

  @Benchmark
  public double smileGbmBatch(SmilePath path, Rows rows, Cursor cursor) {
    path.smile.predictBatch(rows.batchImputed, BATCH, cursor.batchOut);
    return cursor.batchOut[1];
  }
}
