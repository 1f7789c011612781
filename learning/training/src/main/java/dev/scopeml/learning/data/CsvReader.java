package dev.scopeml.learning.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.RecordType;
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
    long lastLine = 1;
    try (var csv = parser(counted, missingTokens, true)) {
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
          throw new IllegalArgumentException(widthProblem(record.line(), record, width));
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
      throw parseProblem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The header of a UTF-8 file: its first record, with unnamed columns named as {@link #read} names
   * them.
   *
   * @throws IllegalArgumentException if the file is empty or its first record is malformed
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<String> header(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var csv = parser(withoutByteOrderMark(reader), DEFAULT_MISSING_TOKENS, true)) {
      for (Record record : csv) {
        return header(record);
      }
      throw new IllegalArgumentException("CSV is empty: a header row is required");
    } catch (CsvParseException e) {
      throw parseProblem(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads one slice of a file on its own, from the start of a record: used to read a large file in
   * parts, each by whichever worker takes it. A record whose field count differs from the header's
   * is set aside with the reason instead of failing the slice; an empty line is no row.
   *
   * @param source the text from the slice's first record on
   * @param header the file's column names
   * @param firstRecord the number of the slice's first record in the file, the header being record
   *     0
   * @param firstLine the line that record starts on
   * @param records how many records the slice holds, empty lines included
   * @param missingTokens unquoted field values (compared trimmed) that mean "missing"
   * @throws IllegalArgumentException naming the line of a record the parser cannot read
   */
  public static CsvSlice readSlice(
      Reader source,
      List<String> header,
      long firstRecord,
      long firstLine,
      int records,
      Set<String> missingTokens) {
    // A slice is scored and dropped: its values are not worth sharing.
    var table = new DataTable.Builder(header, false);
    var rowNumbers = new long[Math.max(0, records)];
    int rows = 0;
    var malformed = new java.util.ArrayList<CsvSlice.Malformed>();
    long record = firstRecord;
    try (var csv = parser(source, missingTokens, false)) {
      var iterator = csv.iterator();
      for (int read = 0; read < records && iterator.hasNext(); read++, record++) {
        Record next = iterator.next();
        if (record == 0 || next.empty()) {
          continue; // the header, or a blank line
        }
        long line = firstLine + next.line() - 1;
        if (next.fields().length != header.size()) {
          malformed.add(new CsvSlice.Malformed(record, widthProblem(line, next, header.size())));
        } else {
          table.add(Arrays.asList(next.fields()));
          rowNumbers[rows++] = record;
        }
      }
    } catch (CsvParseException e) {
      throw parseProblem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CsvSlice(table.build(), Arrays.copyOf(rowNumbers, rows), List.copyOf(malformed));
  }

  private static de.siegmar.fastcsv.reader.CsvReader<Record> parser(
      Reader source, Set<String> missingTokens, boolean skipEmptyLines) {
    return de.siegmar.fastcsv.reader.CsvReader.builder()
        .trimWhitespacesAroundQuotes(true)
        .allowMissingFields(true)
        .allowExtraFields(true)
        .skipEmptyLines(skipEmptyLines)
        .build(new Records(missingTokens), source);
  }

  private static String widthProblem(long line, Record record, int width) {
    return "CSV line "
        + line
        + " has "
        + record.fields().length
        + " fields, the header has "
        + width;
  }

  private static IllegalArgumentException parseProblem(CsvParseException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return new IllegalArgumentException(e.getMessage() + ": " + cause.getMessage(), e);
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

  /** One record, the line it starts on, and whether it is an empty line. */
  private record Record(long line, String[] fields, boolean empty) {}

  /** Builds records, turning missing fields into null as they are read. */
  private static final class Records extends AbstractBaseCsvCallbackHandler<Record> {

    private final Set<String> missingTokens;
    private final int longestToken;
    private String[] fields = new String[32];

    Records(Set<String> missingTokens) {
      this.missingTokens = Set.copyOf(missingTokens);
      this.longestToken = missingTokens.stream().mapToInt(String::length).max().orElse(0);
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
      fields[index] = isMissing(text, quoted) ? null : text;
    }

    private boolean isMissing(String text, boolean quoted) {
      if (text.isEmpty()) {
        return true;
      }
      // Most values have no surrounding space and are no token: answer those without a copy.
      // (String.trim's notion of space: every char up to U+0020.)
      boolean padded = text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ';
      String trimmed = padded ? text.trim() : text;
      return trimmed.isEmpty()
          || (!quoted && trimmed.length() <= longestToken && missingTokens.contains(trimmed));
    }

    @Override
    protected Record buildRecord() {
      return new Record(
          getStartingLineNumber(),
          Arrays.copyOf(fields, getFieldCount()),
          getRecordType() == RecordType.EMPTY);
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
