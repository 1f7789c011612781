package dev.scopeml.bench.batch;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ceiling of batch scoring on this machine: the rows already in memory, by column, encoded by
 * the version's encoder and predicted by its predictor in batches, on {@code threads} threads, with
 * no reading, routing or writing.
 */
final class InProcessCeiling {

  private static final int BATCH = 4096;

  private InProcessCeiling() {}

  /** Rows per second over {@code table} on {@code threads} threads. */
  static double rowsPerSecond(DataTable table, ServableModel model, int threads) throws Exception {
    var columns = new ArrayList<ColumnValues>();
    for (Feature feature : model.encoder().schema().features()) {
      columns.add(table.column(feature.name()));
    }
    int rows = table.size();
    try (var pool = Executors.newFixedThreadPool(threads)) {
      long start = System.nanoTime();
      var parts = new ArrayList<Future<Double>>();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) rows * t / threads);
        int to = (int) ((long) rows * (t + 1) / threads);
        parts.add(pool.submit(() -> score(model, columns, from, to)));
      }
      double sum = 0;
      for (Future<Double> part : parts) {
        sum += part.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (sum == 0) {
        throw new IllegalStateException("no probability predicted");
      }
      return rows / seconds;
    }
  }

  private static double score(ServableModel model, List<ColumnValues> columns, int from, int to) {
    int width = model.predictor().width();
    int classes = model.predictor().classCount();
    double[] encoded = new double[BATCH * width];
    double[] probabilities = new double[BATCH * classes];
    double sum = 0;
    for (int start = from; start < to; start += BATCH) {
      int count = Math.min(BATCH, to - start);
      for (int i = 0; i < count; i++) {
        model.encoder().encode(columns, start + i, encoded, i * width);
      }
      model.predictor().predictBatch(encoded, count, probabilities);
      sum += probabilities[classes - 1];
    }
    return sum;
  }
}
