package dev.scopeml.learning.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV as the tools data scientists use write it (R's {@code write.csv}, Excel's "CSV UTF-8",
 * pandas' {@code to_csv}, Python's {@code csv.writer}): comma-separated, a header row first, fields
 * optionally in double quotes with {@code ""} for a quote inside, line breaks inside quotes, CRLF
 * or LF line ends, an optional UTF-8 byte order mark, spaces around a quoted field ignored.
 *
 * <p>Parsing is FastCSV's: it tells whether a field was quoted, which decides missing values. A
 * field is missing (read as null) when it is empty, quoted or not, or when it is unquoted and one
 * of the missing tokens ({@link #DEFAULT_MISSING_TOKENS} unless a run names others). A quoted
 * {@code "NA"} is the text NA: North America and Namibia stay categories.
 */
public final class CsvReader {

  /** The unquoted tokens read as missing when a run names none: R's {@code NA}. */
  public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("NA");

  private CsvReader() {}

  /** Reads a UTF-8 file with the default missing tokens. */
  public static DataTable read(Path file) {
    return read(file, DEFAULT_MISSING_TOKENS);
  }

  /**
   * Reads a UTF-8 file.
   *
   * @param missingTokens unquoted field values (compared trimmed) that mean "missing"
   * @throws IllegalArgumentException naming the line of a malformed record
   * @throws UncheckedIOException if the file cannot be read, or is not UTF-8
   */
  public static DataTable read(Path file, Set<String> missingTokens) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, missingTokens);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads CSV text with the default missing tokens. */
  public static DataTable read(Reader source) {
    return read(source, DEFAULT_MISSING_TOKENS);
  }

  /**
   * Reads CSV text.
   *
   * @throws IllegalArgumentException naming the line of a malformed record: an unterminated quote,
   *     a quote inside an unquoted field, or a row whose field count differs from the header's
   */
  public static DataTable read(Reader source, Set<String> missingTokens) {
    var counted = new QuoteCounter(withoutByteOrderMark(source));
    var records = new Records(missingTokens);
    long lastLine = 1;
    try (var csv =
        de.siegmar.fastcsv.reader.CsvReader.builder()
            .trimWhitespacesAroundQuotes(true)
            .allowMissingFields(true)
            .allowExtraFields(true)
            .skipEmptyLines(true)
            .build(records, counted)) {
      DataTable.Builder table = null;
      int width = 0;
      for (Record record : csv) {
        lastLine = record.line();
        if (table == null) {
          List<String> header = header(record);
          width = header.size();
          table = new DataTable.Builder(header);
          continue;
        }
        if (record.fields().length != width) {
          throw new IllegalArgumentException(
              "CSV line "
                  + record.line()
                  + " has "
                  + record.fields().length
                  + " fields, the header has "
                  + width);
        }
        table.add(Arrays.asList(record.fields()));
      }
      if (table == null) {
        throw new IllegalArgumentException("CSV is empty: a header row is required");
      }
      if (counted.odd()) {
        throw new IllegalArgumentException(
            "CSV line " + lastLine + ": unterminated quote (a quoted field never closes)");
      }
      return table.build();
    } catch (CsvParseException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(e.getMessage() + ": " + cause.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The column names. A column without one is named {@code unnamed_<position>}: R's {@code
   * write.csv} writes its row names under an empty header.
   */
  private static List<String> header(Record record) {
    String[] names = record.fields().clone();
    for (int c = 0; c < names.length; c++) {
      if (names[c] == null) {
        names[c] = "unnamed_" + (c + 1);
      }
    }
    return List.of(names);
  }

  /** Drops a UTF-8 byte order mark, which FastCSV only detects on byte streams. */
  private static Reader withoutByteOrderMark(Reader source) {
    var buffered = source instanceof BufferedReader b ? b : new BufferedReader(source);
    try {
      buffered.mark(1);
      if (buffered.read() != '\uFEFF') {
        buffered.reset();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffered;
  }

  /** One record and the line it starts on. */
  private record Record(long line, String[] fields) {}

  /** Builds records, turning missing fields into null as they are read. */
  private static final class Records extends AbstractBaseCsvCallbackHandler<Record> {

    private final Set<String> missingTokens;
    private String[] fields = new String[32];

    Records(Set<String> missingTokens) {
      this.missingTokens = Set.copyOf(missingTokens);
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
      if (index >= fields.length) {
        fields = Arrays.copyOf(fields, Math.max(index + 1, fields.length * 2));
      }
      String text = new String(buffer, offset, length);
      if (!quoted && text.indexOf('"') >= 0) {
        throw new IllegalArgumentException(
            "CSV line " + getStartingLineNumber() + ": a quote inside an unquoted field");
      }
      String trimmed = text.trim();
      boolean missing = trimmed.isEmpty() || (!quoted && missingTokens.contains(trimmed));
      fields[index] = missing ? null : text;
    }

    @Override
    protected Record buildRecord() {
      return new Record(getStartingLineNumber(), Arrays.copyOf(fields, getFieldCount()));
    }
  }

  /**
   * Counts the quote characters it passes on. Every well-formed quoted field holds an even number
   * of them (its two delimiters and doubled quotes), so an odd total means a quote never closed,
   * which FastCSV reads as a field running to the end of the input.
   */
  private static final class QuoteCounter extends FilterReader {

    private long quotes;

    QuoteCounter(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c == '"') {
        quotes++;
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = offset; i < offset + n; i++) {
        if (buffer[i] == '"') {
          quotes++;
        }
      }
      return n;
    }

    boolean odd() {
      return quotes % 2 == 1;
    }
  }
}
