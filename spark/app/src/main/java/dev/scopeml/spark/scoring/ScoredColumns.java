package dev.scopeml.spark.scoring;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns the executors produce for every input row, and which of them the output and the
 * rejects keep, named as the trainer's workers name them: {@code input_row}, the carried columns,
 * {@code scope}, {@code version}, {@code fallback}, {@code requested_scope}, {@code label}, one
 * {@code probability_<class>} per class; a rejected row has {@code field} and {@code reason}
 * instead.
 */
final class ScoredColumns {

  static final String INPUT_ROW = "input_row";
  static final String SCOPE = "scope";
  static final String REASON = "reason";

  private ScoredColumns() {}

  /** Every column, the carried ones typed as in {@code input}. */
  static StructType schema(StructType input, ScoringSpec spec) {
    StructType schema = new StructType().add(INPUT_ROW, DataTypes.LongType, false);
    for (String carried : spec.layout().carry()) {
      schema = schema.add(carried, input.apply(carried).dataType());
    }
    schema =
        schema
            .add(SCOPE, DataTypes.StringType)
            .add("version", DataTypes.IntegerType)
            .add("fallback", DataTypes.BooleanType)
            .add("requested_scope", DataTypes.StringType)
            .add("label", DataTypes.StringType);
    for (String label : spec.layout().classes()) {
      schema = schema.add("probability_" + label, DataTypes.DoubleType);
    }
    return schema.add("field", DataTypes.StringType).add(REASON, DataTypes.StringType);
  }

  /** The output's columns, {@code scope} last: it names the partition folders. */
  static Column[] output(ScoringSpec spec) {
    var columns = new ArrayList<String>();
    columns.add(INPUT_ROW);
    columns.addAll(spec.layout().carry());
    columns.addAll(List.of("version", "fallback", "requested_scope", "label"));
    spec.layout().classes().forEach(c -> columns.add("probability_" + c));
    columns.add(SCOPE);
    return columns(columns);
  }

  /** The rejects' columns. */
  static Column[] rejects(ScoringSpec spec) {
    var columns = new ArrayList<String>();
    columns.add(INPUT_ROW);
    columns.addAll(spec.layout().carry());
    columns.add("field");
    columns.add(REASON);
    return columns(columns);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(name -> functions.col("`" + name + "`")).toArray(Column[]::new);
  }
}
