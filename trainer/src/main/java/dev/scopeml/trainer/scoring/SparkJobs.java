package dev.scopeml.trainer.scoring;

import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.scoring.input.Slice;
import dev.scopeml.trainer.scoring.output.OutputRef;
import java.util.List;

/**
 * What a scoring job on the Spark engine may ask for, and how it is queued: a CSV or Parquet input
 * in the data directory (which the driver and every executor see at the same path), Parquet out to
 * a folder partitioned by scope, and the whole input as the job's one rows chunk, which the
 * application holds while the cluster scores it.
 */
final class SparkJobs {

  private SparkJobs() {}

  /**
   * @throws ApiException 400 if the input is not a CSV or Parquet file of the data directory
   */
  static void checkInput(ScoringJobRequest request) {
    if (request.input() != null && request.input().jdbc() != null) {
      throw ApiException.badRequest(
              "the spark engine scores a csv or parquet input of the data directory, not jdbc")
          .with("field", "input.jdbc");
    }
  }

  /**
   * The request's output with the Spark engine's format filled in.
   *
   * @throws ApiException 400 unless it is a folder written as Parquet
   */
  static OutputRef output(ScoringJobRequest request) {
    OutputRef output = request.output();
    if (output == null || output.jdbc() != null || output.folder() == null) {
      throw ApiException.badRequest(
              "the spark engine writes a folder of Parquet partitioned by scope: give"
                  + " output.folder")
          .with("field", "output");
    }
    if (output.format() != null && !output.format().equalsIgnoreCase("parquet")) {
      throw ApiException.badRequest(
              "the spark engine writes Parquet, not "
                  + output.format()
                  + ": leave output.format out")
          .with("field", "output.format");
    }
    return new OutputRef(output.folder(), "parquet", output.compression(), null);
  }

  /** The job's one slice: every row of the input. */
  static List<Slice> slices(long rows) {
    return List.of(new Slice(1, rows, null, null, null, null, null, null));
  }
}
