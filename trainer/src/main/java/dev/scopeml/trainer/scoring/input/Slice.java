package dev.scopeml.trainer.scoring.input;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of a job's input, stored with its chunk and read by whichever worker claims it. Which
 * fields are set depends on the input.
 *
 * @param firstRow the input position of the slice's first row (rows are numbered from 1; for a CSV
 *     file, a row's number is its record number, the header being record 0)
 * @param rows how many rows (CSV: records, the header and blank lines included) the slice holds
 * @param file a Parquet file relative to the data directory
 * @param offset a CSV page's first byte; a Parquet slice's first row within its file (from 0)
 * @param line the line a CSV page starts on
 * @param bytes the CSV file's size when the job was planned: a file that changed since is refused
 * @param from the first key of a JDBC range (inclusive), null for the first
 * @param to the key after a JDBC range (exclusive), null for the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Slice(
    long firstRow,
    long rows,
    String file,
    Long offset,
    Long line,
    Long bytes,
    Object from,
    Object to) {

  /** The input positions the slice covers: {@code [firstRow, firstRow + rows)}. */
  public long endRow() {
    return firstRow + rows;
  }
}
