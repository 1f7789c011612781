package dev.scopeml.spark.scoring;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Numbers a DataFrame's rows 1, 2, 3… in input order, as the trainer's workers number a job's input
 * rows. A file source's partitions are its byte ranges (and, for Parquet, its files) in order;
 * {@code zipWithIndex} counts each partition once and numbers across them without gaps, which
 * {@code monotonically_increasing_id} does not.
 */
final class RowNumbers {

  private RowNumbers() {}

  static Dataset<Row> number(Dataset<Row> frame, String column) {
    StructType schema = frame.schema().add(column, DataTypes.LongType, false);
    JavaRDD<Row> numbered =
        frame
            .javaRDD()
            .zipWithIndex()
            .map(
                pair -> {
                  Row row = pair._1();
                  Object[] values = new Object[row.size() + 1];
                  for (int i = 0; i < row.size(); i++) {
                    values[i] = row.get(i);
                  }
                  values[row.size()] = pair._2() + 1;
                  return RowFactory.create(values);
                });
    return frame.sparkSession().createDataFrame(numbered, schema);
  }
}
