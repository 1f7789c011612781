package dev.scopeml.trainer.scoring.output;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Part files as CSV through FastCSV: a header row, RFC 4180 quoting, a missing value as an empty
 * field, numbers in Java's shortest form that reads back to the same double.
 */
final class CsvParts {

  private CsvParts() {}

  static void write(Path file, List<Layout.Column> columns, int rows, IntFunction<Object[]> row)
      throws IOException {
    try (CsvWriter writer = CsvWriter.builder().build(file)) {
      writer.writeRecord(columns.stream().map(Layout.Column::name).toList());
      var record = new String[columns.size()];
      for (int r = 0; r < rows; r++) {
        Object[] values = row.apply(r);
        for (int c = 0; c < record.length; c++) {
          record[c] = values[c] == null ? "" : values[c].toString();
        }
        writer.writeRecord(record);
      }
    }
  }
}
