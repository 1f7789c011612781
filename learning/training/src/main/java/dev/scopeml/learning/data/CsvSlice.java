package dev.scopeml.learning.data;

import java.util.List;

/**
 * One slice of a CSV file read on its own ({@link CsvReader#readSlice}).
 *
 * @param table the slice's well-formed rows
 * @param recordNumbers each row's record number in the file (the header is record 0)
 * @param malformed the records that could not be read as rows, with why
 */
public record CsvSlice(DataTable table, long[] recordNumbers, List<Malformed> malformed) {

  /**
   * A record of the slice that is not a row.
   *
   * @param recordNumber its record number in the file
   * @param reason why, naming its line
   */
  public record Malformed(long recordNumber, String reason) {}
}
