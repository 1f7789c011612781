package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.learning.batch.BatchScorer;
import dev.scopeml.learning.batch.ScoredRows;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.trainer.scoring.input.ChunkRows;
import dev.scopeml.trainer.scoring.output.ScoredChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores the rows of one chunk with the {@link BatchScorer} (as the scorer's HTTP API answers
 * them), then splits them into the chunk's output and its rejects, each in input order; records the
 * chunk's reader could not read join the rejects.
 */
final class ChunkScorer {

  private final BatchScorer scorer;
  private final int classes;

  ChunkScorer(JobSpec spec, PinnedModels models) {
    this.scorer =
        new BatchScorer(spec.model(), spec.scopeBy(), models::get, spec.layout().classes());
    this.classes = spec.layout().classes().size();
  }

  ScoredChunk score(ChunkRows read) {
    DataTable table = read.table();
    ScoredRows outcome =
        scorer.score(name -> table.hasColumn(name) ? table.column(name) : null, table.size());
    int rejected = 0;
    for (int row = 0; row < outcome.size(); row++) {
      rejected += outcome.rejected(row) ? 1 : 0;
    }
    int[] kept = new int[outcome.size() - rejected];
    int[] dropped = new int[rejected];
    for (int row = 0, k = 0, d = 0; row < outcome.size(); row++) {
      if (outcome.rejected(row)) {
        dropped[d++] = row;
      } else {
        kept[k++] = row;
      }
    }
    return new ScoredChunk(scored(outcome, read, kept), rejects(outcome, read, dropped));
  }

  private ScoredChunk.Scored scored(ScoredRows outcome, ChunkRows read, int[] kept) {
    int size = kept.length;
    long[] inputRows = new long[size];
    String[] scope = new String[size];
    int[] version = new int[size];
    boolean[] fallback = new boolean[size];
    String[] requested = new String[size];
    String[] label = new String[size];
    var probabilities = new ArrayList<double[]>(classes);
    for (int c = 0; c < classes; c++) {
      probabilities.add(new double[size]);
    }
    for (int i = 0; i < size; i++) {
      int row = kept[i];
      inputRows[i] = read.inputRows()[row];
      scope[i] = outcome.scope(row);
      version[i] = outcome.version(row);
      fallback[i] = outcome.fallback(row);
      requested[i] = outcome.requestedScope(row);
      label[i] = outcome.label(row);
      for (int c = 0; c < classes; c++) {
        probabilities.get(c)[i] = outcome.probability(row, c);
      }
    }
    List<Object[]> carried = read.carried().stream().map(column -> pick(column, kept)).toList();
    return new ScoredChunk.Scored(
        inputRows, carried, scope, version, fallback, requested, label, probabilities);
  }

  /** Rejected rows and unreadable records, merged in input order. */
  private static ScoredChunk.Rejected rejects(ScoredRows outcome, ChunkRows read, int[] dropped) {
    int total = dropped.length + read.unreadable().size();
    long[] inputRows = new long[total];
    String[] fields = new String[total];
    String[] reasons = new String[total];
    var carried = new ArrayList<Object[]>();
    read.carried().forEach(column -> carried.add(new Object[total]));
    Integer[] order = new Integer[total];
    long[] positions = new long[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
      positions[i] =
          i < dropped.length
              ? read.inputRows()[dropped[i]]
              : read.unreadable().get(i - dropped.length).inputRow();
    }
    Arrays.sort(order, (a, b) -> Long.compare(positions[a], positions[b]));
    for (int out = 0; out < total; out++) {
      int i = order[out];
      inputRows[out] = positions[i];
      if (i < dropped.length) {
        int row = dropped[i];
        fields[out] = outcome.field(row);
        reasons[out] = outcome.reason(row);
        for (int c = 0; c < carried.size(); c++) {
          carried.get(c)[out] = read.carried().get(c)[row];
        }
      } else {
        reasons[out] = read.unreadable().get(i - dropped.length).reason();
      }
    }
    return new ScoredChunk.Rejected(inputRows, carried, fields, reasons);
  }

  private static <T> T[] pick(T[] values, int[] rows) {
    T[] out = Arrays.copyOf(values, rows.length);
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
