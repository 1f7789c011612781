package dev.scopeml.trainer.scoring.input;

import dev.scopeml.learning.data.CsvIndex;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.CsvSlice;
import dev.scopeml.learning.data.DataTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A CSV file read as training reads it ({@link CsvReader}: quoted {@code "NA"} is text, missing
 * tokens unquoted), in pages of a FastCSV index: planning scans the file once for the byte where
 * every page starts, and a worker reads its page from that byte on.
 */
final class CsvInput {

  private CsvInput() {}

  /**
   * Plans {@code file} in pages of {@code chunkRows} records.
   *
   * @throws IllegalArgumentException if the header cannot be read
   */
  static InputPlan plan(Path file, int chunkRows) {
    List<String> header = CsvReader.header(file);
    CsvIndex index = CsvIndex.of(file, chunkRows);
    var slices = new ArrayList<Slice>(index.pages().size());
    for (int p = 0; p < index.pages().size(); p++) {
      CsvIndex.Page page = index.pages().get(p);
      long first = (long) p * chunkRows;
      long records = Math.min(chunkRows, index.records() - first);
      slices.add(
          new Slice(first, records, null, page.offset(), page.line(), index.bytes(), null, null));
    }
    var types = new LinkedHashMap<String, String>();
    header.forEach(column -> types.put(column, "VARCHAR"));
    return new InputPlan(header, types, Math.max(0, index.records() - 1), slices, null);
  }

  /**
   * Reads one page.
   *
   * @throws IllegalStateException if the file's size changed since it was planned
   */
  static ChunkRows read(
      Path file, Slice slice, List<String> header, List<String> carry, Set<String> missing) {
    try (var channel = FileChannel.open(file)) {
      long planned = slice.bytes();
      if (Files.size(file) != planned) {
        throw new IllegalStateException(
            file.getFileName()
                + " changed since the job was submitted ("
                + planned
                + " bytes then)");
      }
      channel.position(slice.offset());
      var reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8), 1 << 16);
      CsvSlice read =
          CsvReader.readSlice(
              reader, header, slice.firstRow(), slice.line(), (int) slice.rows(), missing);
      DataTable table = read.table();
      var carried = new ArrayList<Object[]>(carry.size());
      for (String column : carry) {
        carried.add(table.text(column));
      }
      var unreadable =
          read.malformed().stream()
              .map(m -> new ChunkRows.Unreadable(m.recordNumber(), m.reason()))
              .toList();
      return new ChunkRows(table, read.recordNumbers(), carried, unreadable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName(), e);
    }
  }
}
