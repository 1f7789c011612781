package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.RowEncodingException;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.modelstore.scope.ScopeRoute;
import dev.scopeml.modelstore.scope.ScopeValue;
import dev.scopeml.trainer.scoring.input.ChunkRows;
import dev.scopeml.trainer.scoring.output.ScoredChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the rows of one chunk as the scorer's HTTP API answers them, with the rules and code it
 * shares: each row's scope from its scope columns ({@link ScopeValue}), routed to the version
 * pinned for it or to the global one ({@link ScopeRoute}), encoded by that version's encoder and
 * predicted in one batch per scope; the label is the most probable class. A row that cannot be
 * scored (a missing scope value, no version for its scope and no global one, a value its version
 * cannot encode) is rejected with the reason the HTTP API would have given.
 */
final class ChunkScorer {

  private final JobSpec spec;
  private final PinnedModels models;
  private final String[] classes;

  ChunkScorer(JobSpec spec, PinnedModels models) {
    this.spec = spec;
    this.models = models;
    this.classes = spec.layout().classes().toArray(String[]::new);
  }

  ScoredChunk score(ChunkRows read) {
    DataTable table = read.table();
    int size = table.size();
    var outcome = new Rows(size, classes.length);
    Map<ScopeKey, List<Integer>> groups = groupByScope(table, outcome);
    groups.forEach((scope, rows) -> scoreGroup(table, scope, rows, outcome));
    return outcome.split(read);
  }

  private Map<ScopeKey, List<Integer>> groupByScope(DataTable table, Rows outcome) {
    var groups = new LinkedHashMap<ScopeKey, List<Integer>>();
    List<String> scopeBy = spec.scopeBy();
    if (scopeBy.isEmpty()) {
      var all = new ArrayList<Integer>(table.size());
      for (int row = 0; row < table.size(); row++) {
        all.add(row);
      }
      groups.put(ScopeKey.global(), all);
      return groups;
    }
    List<ColumnValues> columns = scopeBy.stream().map(table::column).toList();
    // Rows of one scope repeat the same values: build each key once.
    var keys = new HashMap<List<String>, ScopeKey>();
    var values = new ArrayList<String>(scopeBy.size());
    for (int row = 0; row < table.size(); row++) {
      values.clear();
      for (int c = 0; c < columns.size() && values.size() == c; c++) {
        Object value = columns.get(c).value(row);
        if (value == null) {
          outcome.reject(
              row,
              scopeBy.get(c),
              "scope column '"
                  + scopeBy.get(c)
                  + "' is missing: model '"
                  + spec.model()
                  + "' is scoped by "
                  + scopeBy);
        } else {
          values.add(ScopeValue.text(value));
        }
      }
      if (values.size() == columns.size()) {
        ScopeKey key = keys.computeIfAbsent(List.copyOf(values), this::key);
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    return groups;
  }

  private ScopeKey key(List<String> values) {
    var map = new TreeMap<String, String>();
    for (int c = 0; c < values.size(); c++) {
      map.put(spec.scopeBy().get(c), values.get(c));
    }
    return ScopeKey.of(map);
  }

  private void scoreGroup(DataTable table, ScopeKey scope, List<Integer> rows, Rows outcome) {
    var route = ScopeRoute.of(scope, models::get);
    if (route.isEmpty()) {
      String reason =
          "model '"
              + spec.model()
              + "' has no version for scope '"
              + scope
              + "' and no global model to fall back to";
      rows.forEach(row -> outcome.reject(row, null, reason));
      return;
    }
    ServableModel model = route.get().version();
    Predictor predictor = model.predictor();
    var columns = new ArrayList<ColumnValues>();
    for (Feature feature : model.encoder().schema().features()) {
      columns.add(table.hasColumn(feature.name()) ? table.column(feature.name()) : null);
    }
    int width = predictor.width();
    double[] encoded = new double[rows.size() * width];
    int[] good = new int[rows.size()];
    int count = 0;
    for (int row : rows) {
      try {
        model.encoder().encode(columns, row, encoded, count * width);
        good[count++] = row;
      } catch (RowEncodingException e) {
        outcome.reject(row, e.field(), e.getMessage());
      }
    }
    double[] probabilities = new double[count * classes.length];
    if (count == 1) {
      predictor.predict(Arrays.copyOf(encoded, width), probabilities);
    } else if (count > 1) {
      predictor.predictBatch(encoded, count, probabilities);
    }
    String answering = route.get().answering().toString();
    String requested = route.get().fallback() ? scope.toString() : null;
    int version = model.version().version();
    for (int i = 0; i < count; i++) {
      outcome.scored(
          good[i],
          answering,
          version,
          requested,
          classes[Predictor.mostProbable(probabilities, i, classes.length)],
          probabilities,
          i * classes.length);
    }
  }

  /** Each row's outcome, in input order, until it is split into output and rejects. */
  private static final class Rows {
    private final String[] scope;
    private final int[] version;
    private final String[] requested;
    private final String[] label;
    private final double[][] probabilities;
    private final String[] field;
    private final String[] reason;

    Rows(int size, int classes) {
      scope = new String[size];
      version = new int[size];
      requested = new String[size];
      label = new String[size];
      probabilities = new double[classes][size];
      field = new String[size];
      reason = new String[size];
    }

    void reject(int row, String column, String why) {
      field[row] = column;
      reason[row] = why;
    }

    void scored(
        int row, String answering, int v, String asked, String best, double[] out, int offset) {
      scope[row] = answering;
      version[row] = v;
      requested[row] = asked;
      label[row] = best;
      for (int c = 0; c < probabilities.length; c++) {
        probabilities[c][row] = out[offset + c];
      }
    }

    ScoredChunk split(ChunkRows read) {
      int size = scope.length;
      int rejected = 0;
      for (String why : reason) {
        rejected += why == null ? 0 : 1;
      }
      int[] kept = new int[size - rejected];
      int[] dropped = new int[rejected];
      for (int row = 0, k = 0, d = 0; row < size; row++) {
        if (reason[row] == null) {
          kept[k++] = row;
        } else {
          dropped[d++] = row;
        }
      }
      var scored =
          new ScoredChunk.Scored(
              pick(read.inputRows(), kept),
              read.carried().stream().map(column -> pick(column, kept)).toList(),
              pick(scope, kept),
              pick(version, kept),
              fallbackOf(requested, kept),
              pick(requested, kept),
              pick(label, kept),
              Arrays.stream(probabilities).map(column -> pick(column, kept)).toList());
      return new ScoredChunk(scored, rejects(read, dropped));
    }

    /** Rejected rows and unreadable records, merged in input order. */
    private ScoredChunk.Rejected rejects(ChunkRows read, int[] dropped) {
      int total = dropped.length + read.unreadable().size();
      long[] inputRows = new long[total];
      String[] fields = new String[total];
      String[] reasons = new String[total];
      var carried = new ArrayList<Object[]>();
      read.carried().forEach(column -> carried.add(new Object[total]));
      Integer[] order = new Integer[total];
      for (int i = 0; i < total; i++) {
        order[i] = i;
      }
      long[] positions = new long[total];
      for (int i = 0; i < dropped.length; i++) {
        positions[i] = read.inputRows()[dropped[i]];
      }
      for (int i = 0; i < read.unreadable().size(); i++) {
        positions[dropped.length + i] = read.unreadable().get(i).inputRow();
      }
      Arrays.sort(order, (a, b) -> Long.compare(positions[a], positions[b]));
      for (int out = 0; out < total; out++) {
        int i = order[out];
        inputRows[out] = positions[i];
        if (i < dropped.length) {
          int row = dropped[i];
          fields[out] = field[row];
          reasons[out] = reason[row];
          for (int c = 0; c < carried.size(); c++) {
            carried.get(c)[out] = read.carried().get(c)[row];
          }
        } else {
          reasons[out] = read.unreadable().get(i - dropped.length).reason();
        }
      }
      return new ScoredChunk.Rejected(inputRows, carried, fields, reasons);
    }

    private static boolean[] fallbackOf(String[] requested, int[] rows) {
      boolean[] out = new boolean[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = requested[rows[i]] != null;
      }
      return out;
    }

    private static long[] pick(long[] values, int[] rows) {
      long[] out = new long[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = values[rows[i]];
      }
      return out;
    }

    private static int[] pick(int[] values, int[] rows) {
      int[] out = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = values[rows[i]];
      }
      return out;
    }

    private static double[] pick(double[] values, int[] rows) {
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = values[rows[i]];
      }
      return out;
    }

    private static <T> T[] pick(T[] values, int[] rows) {
      T[] out = Arrays.copyOf(values, rows.length);
      for (int i = 0; i < rows.length; i++) {
        out[i] = values[rows[i]];
      }
      return out;
    }
  }
}
