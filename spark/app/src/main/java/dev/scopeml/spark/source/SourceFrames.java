package dev.scopeml.spark.source;

import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads sources as DataFrames of text columns, each row numbered in source order. */
public final class SourceFrames {

  /**
   * The column that numbers rows in source order: a file's partitions are its byte ranges in order
   * and the ids grow within and across them, so sorting a group by it gives the group's rows in the
   * order the trainer reads them, which fixes its split.
   */
  public static final String ROW = "_scopeml_row";

  private SourceFrames() {}

  /**
   * The CSV file at {@code relative} under {@code dataDirectory}, every column as text, empty
   * fields null (the run's other missing values are nulled where the rows are made a table).
   *
   * @throws IllegalArgumentException if the path leaves the data directory
   */
  public static Dataset<Row> csv(SparkSession spark, Path dataDirectory, String relative) {
    Path root = dataDirectory.toAbsolutePath().normalize();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException(
          "csv file '" + relative + "' is outside the data directory");
    }
    return numbered(
        spark
            .read()
            .option("header", "true")
            .option("inferSchema", "false")
            .option("mode", "FAILFAST")
            .csv(file.toUri().toString()));
  }

  /** {@code frame} with {@link #ROW}. */
  public static Dataset<Row> numbered(Dataset<Row> frame) {
    return frame.withColumn(ROW, monotonically_increasing_id());
  }
}
