package dev.scopeml.learning.data;

import de.siegmar.fastcsv.reader.IndexedCsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the pages of a CSV file start, found in one pass by FastCSV's indexed reader, so that
 * workers can each read a page of a large file on their own ({@link CsvReader#readSlice}).
 *
 * @param pages each page's first byte and line; a page holds {@code recordsPerPage} records, the
 *     header being the first record of the first page
 * @param recordsPerPage records per page (the last may hold fewer)
 * @param records records in the file, the header included
 * @param bytes the file's size when it was indexed
 */
public record CsvIndex(List<Page> pages, int recordsPerPage, long records, long bytes) {

  /**
   * Where a page starts.
   *
   * @param offset its first byte
   * @param line the line its first record starts on
   */
  public record Page(long offset, long line) {}

  /**
   * Indexes a UTF-8 file.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static CsvIndex of(Path file, int recordsPerPage) {
    try (var reader = IndexedCsvReader.builder().pageSize(recordsPerPage).ofCsvRecord(file)) {
      var index = reader.getIndex();
      List<Page> pages =
          index.pages().stream().map(p -> new Page(p.offset(), p.startingLineNumber())).toList();
      return new CsvIndex(pages, recordsPerPage, index.recordCount(), index.fileSize());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index " + file, e);
    }
  }
}
