package dev.scopeml.spark.scoring;

import dev.scopeml.learning.batch.BatchScorer;
import dev.scopeml.learning.batch.ScoredRows;
import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.modelstore.registry.VersionArtifact;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a partition's rows in batches with the {@link BatchScorer} (as the scorer's HTTP API
 * answers them, and as the trainer's workers score a chunk): each row's scope routed to its pinned
 * version or the global one, encoded and predicted per scope. Values arrive as the trainer's
 * workers read them: a CSV's text with its missing values nulled, a Parquet file's numeric columns
 * as numbers and other columns as their text. Emits one row of {@link ScoredColumns} per input row.
 */
final class PartitionScoring implements MapPartitionsFunction<Row, Row> {

  private static final int BATCH = 4096;
  private static final String MALFORMED_REASON = "a record with another number of fields: ";

  private final ScoringSpec spec;
  private final Broadcast<List<VersionArtifact>> pinned;
  private final String[] names;
  private final boolean[] numeric;
  private final int rowNumber;
  private final int malformed;
  private final MissingRule missing;
  private final int[] carried;

  /**
   * @param input the rows' schema
   * @param rowNumber the column numbering rows in the input
   * @param malformed the column holding a malformed CSV record's text, or null
   * @param missing which text values are missing, for a text input (a CSV); null for a typed one
   */
  PartitionScoring(
      ScoringSpec spec,
      Broadcast<List<VersionArtifact>> pinned,
      StructType input,
      String rowNumber,
      String malformed,
      MissingRule missing) {
    this.spec = spec;
    this.pinned = pinned;
    this.names = input.fieldNames();
    this.numeric = new boolean[names.length];
    for (int c = 0; c < names.length; c++) {
      numeric[c] = isNumeric(input.fields()[c].dataType());
    }
    this.rowNumber = input.fieldIndex(rowNumber);
    this.malformed = malformed == null ? -1 : input.fieldIndex(malformed);
    this.missing = missing;
    this.carried = spec.layout().carry().stream().mapToInt(this::indexOf).toArray();
  }

  private static boolean isNumeric(DataType type) {
    return type.equals(DataTypes.ByteType)
        || type.equals(DataTypes.ShortType)
        || type.equals(DataTypes.IntegerType)
        || type.equals(DataTypes.LongType)
        || type.equals(DataTypes.FloatType)
        || type.equals(DataTypes.DoubleType)
        || type instanceof DecimalType;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Map<ScopeKey, ServableModel> versions = PinnedVersions.of(pinned);
    var scorer =
        new BatchScorer(spec.model(), spec.scopeBy(), versions::get, spec.layout().classes());
    return new Iterator<>() {
      private final List<Row> out = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == out.size() && rows.hasNext()) {
          out.clear();
          next = 0;
          scoreBatch(scorer, rows, out);
        }
        return next < out.size();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.get(next++);
      }
    };
  }

  private void scoreBatch(BatchScorer scorer, Iterator<Row> rows, List<Row> out) {
    var batch = new ArrayList<Row>(BATCH);
    while (batch.size() < BATCH && rows.hasNext()) {
      Row row = rows.next();
      if (malformed >= 0 && !row.isNullAt(malformed)) {
        out.add(rejected(row, null, MALFORMED_REASON + row.getString(malformed).strip()));
      } else {
        batch.add(row);
      }
    }
    var columns = new HashMap<String, ColumnValues>();
    ScoredRows scored =
        scorer.score(name -> columns.computeIfAbsent(name, n -> column(batch, n)), batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(
          scored.rejected(i)
              ? rejected(batch.get(i), scored.field(i), scored.reason(i))
              : answered(batch.get(i), scored, i));
    }
  }

  /** Column {@code name} of the batch, or null when the input has no such column. */
  private ColumnValues column(List<Row> batch, String name) {
    int c = indexOf(name);
    if (c < 0) {
      return null;
    }
    if (numeric[c]) {
      double[] values = new double[batch.size()];
      for (int i = 0; i < values.length; i++) {
        Row row = batch.get(i);
        values[i] = row.isNullAt(c) ? Double.NaN : ((Number) row.get(c)).doubleValue();
      }
      return new ColumnValues.Numbers(values);
    }
    String[] values = new String[batch.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = value(batch.get(i), c);
      values[i] = value == null ? null : value.toString();
    }
    return new ColumnValues.Text(values);
  }

  /** Column {@code c} of {@code row}; a CSV's empty field or missing value is null. */
  private Object value(Row row, int c) {
    Object value = row.get(c);
    if (missing != null && value instanceof String shown) {
      return missing.orNull(shown);
    }
    return value;
  }

  private int indexOf(String name) {
    for (int c = 0; c < names.length; c++) {
      if (names[c].equals(name) && c != rowNumber && c != malformed) {
        return c;
      }
    }
    return -1;
  }

  private Row answered(Row row, ScoredRows scored, int i) {
    List<Object> values = lead(row);
    values.add(scored.scope(i));
    values.add(scored.version(i));
    values.add(scored.fallback(i));
    values.add(scored.requestedScope(i));
    values.add(scored.label(i));
    for (int c = 0; c < spec.layout().classes().size(); c++) {
      values.add(scored.probability(i, c));
    }
    values.add(null);
    values.add(null);
    return RowFactory.create(values.toArray());
  }

  private Row rejected(Row row, String field, String reason) {
    List<Object> values = lead(row);
    for (int c = 0; c < 5 + spec.layout().classes().size(); c++) {
      values.add(null);
    }
    values.add(field);
    values.add(reason);
    return RowFactory.create(values.toArray());
  }

  /** The row's number and carried values. */
  private List<Object> lead(Row row) {
    var values = new ArrayList<Object>(names.length + 8 + spec.layout().classes().size());
    values.add(row.getLong(rowNumber));
    for (int c : carried) {
      values.add(value(row, c));
    }
    return values;
  }
}
