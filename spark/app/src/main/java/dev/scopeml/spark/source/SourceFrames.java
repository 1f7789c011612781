package dev.scopeml.spark.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reads sources of the data directory as DataFrames, rows in source order. */
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
   * fields null (the run's or job's other missing values are nulled where rows are read).
   *
   * @throws IllegalArgumentException if the path leaves the data directory
   */
  public static Dataset<Row> csv(SparkSession spark, Path dataDirectory, String relative) {
    return text(spark)
        .option("mode", "FAILFAST")
        .csv(inside(dataDirectory, relative).toUri().toString());
  }

  /**
   * As {@link #csv}, but a record that is no row (another number of fields than the header) is
   * kept, its text in the column {@code malformed} and its fields null, instead of failing the
   * read; every other row has null there.
   */
  public static Dataset<Row> csvKeepingMalformed(
      SparkSession spark, Path dataDirectory, String relative, String malformed) {
    String uri = inside(dataDirectory, relative).toUri().toString();
    StructType header = text(spark).csv(uri).schema();
    return text(spark)
        .schema(header.add(malformed, DataTypes.StringType))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", malformed)
        .csv(uri);
  }

  private static DataFrameReader text(SparkSession spark) {
    return spark.read().option("header", "true").option("inferSchema", "false");
  }

  /**
   * The Parquet file at {@code relative} under {@code dataDirectory}, or a folder's {@code
   * *.parquet} files in name order (as the trainer's workers read them), with the types the files
   * declare. Each file is read on its own and the files appended in order: a multi-file read would
   * pack the files into partitions largest first.
   *
   * @throws IllegalArgumentException if the path leaves the data directory or holds no Parquet file
   */
  public static Dataset<Row> parquet(SparkSession spark, Path dataDirectory, String relative) {
    Path path = inside(dataDirectory, relative);
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (var listing = Files.list(path)) {
        files =
            listing
                .filter(f -> f.getFileName().toString().endsWith(".parquet"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      files = List.of(path);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "parquet folder '" + relative + "' holds no .parquet file");
    }
    Dataset<Row> frame = null;
    for (Path file : files) {
      Dataset<Row> one = spark.read().parquet(file.toUri().toString());
      frame = frame == null ? one : frame.union(one);
    }
    return frame;
  }

  /**
   * The rows {@code access} names, read in one partition (the order the database returns them, as
   * the trainer reads them), with the types Spark's JDBC source gives them.
   */
  public static Dataset<Row> jdbc(SparkSession spark, JdbcAccess access) {
    return spark
        .read()
        .format("jdbc")
        .option("url", access.url())
        .option("driver", access.driver())
        .option("user", access.user())
        .option("password", access.password())
        .option("dbtable", access.from())
        .option("fetchsize", "10000")
        .load();
  }

  /** Every column of {@code frame} as its text, as a typed source's values reach the trainer. */
  public static Dataset<Row> asText(Dataset<Row> frame) {
    return frame.select(
        Arrays.stream(frame.columns())
            .map(name -> col("`" + name + "`").cast(DataTypes.StringType).as(name))
            .toArray(Column[]::new));
  }

  /** {@code frame} with {@link #ROW}. */
  public static Dataset<Row> numbered(Dataset<Row> frame) {
    return frame.withColumn(ROW, monotonically_increasing_id());
  }

  private static Path inside(Path dataDirectory, String relative) {
    Path root = dataDirectory.toAbsolutePath().normalize();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("'" + relative + "' is outside the data directory");
    }
    return file;
  }
}
