package dev.scopeml.learning.data;

import dev.scopeml.modelstore.schema.RowEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated, a header row first, fields optionally in double quotes with
 * {@code ""} for a quote inside, line breaks inside quotes allowed, CRLF or LF line ends. A field
 * that is empty or {@code NA} (the tokens of {@link RowEncoder#MISSING_TOKENS}, after trimming) is
 * missing and read as null.
 */
public final class CsvReader {

  private CsvReader() {}

  /** Reads a UTF-8 file. */
  public static DataTable read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads CSV text.
   *
   * @throws IllegalArgumentException naming the line of a malformed record: a stray quote, an
   *     unterminated quote, or a row whose field count differs from the header's
   */
  public static DataTable read(Reader source) {
    try {
      var parser = new Parser(source instanceof BufferedReader b ? b : new BufferedReader(source));
      List<String> header = parser.next();
      if (header == null) {
        throw new IllegalArgumentException("CSV is empty: a header row is required");
      }
      if (!header.isEmpty() && header.get(0) != null && header.get(0).startsWith("\uFEFF")) {
        header.set(0, header.get(0).substring(1));
      }
      for (int c = 0; c < header.size(); c++) {
        if (header.get(c) == null) {
          throw new IllegalArgumentException("CSV header column " + (c + 1) + " has no name");
        }
      }
      var table = new DataTable.Builder(header);
      List<String> record;
      while ((record = parser.next()) != null) {
        if (record.size() == 1 && record.get(0) == null && header.size() > 1) {
          continue; // blank line
        }
        if (record.size() != header.size()) {
          throw new IllegalArgumentException(
              "CSV line "
                  + parser.recordLine
                  + " has "
                  + record.size()
                  + " fields, the header has "
                  + header.size());
        }
        table.add(record);
      }
      return table.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Parser {
    private final BufferedReader in;
    private int line = 1;
    private int recordLine;
    private int pending = -2;

    Parser(BufferedReader in) {
      this.in = in;
    }

    private int read() throws IOException {
      if (pending != -2) {
        int c = pending;
        pending = -2;
        return c;
      }
      return in.read();
    }

    /** The next record, or null at the end of input. */
    List<String> next() throws IOException {
      int c = read();
      if (c == -1) {
        return null;
      }
      recordLine = line;
      var fields = new ArrayList<String>();
      var field = new StringBuilder();
      boolean quoted = false;
      while (true) {
        if (c == '"' && field.isEmpty() && !quoted) {
          quoted = true;
          readQuoted(field);
          c = read();
          if (c != ',' && c != '\n' && c != '\r' && c != -1) {
            throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
          }
          continue;
        }
        if (c == ',' || c == '\n' || c == '\r' || c == -1) {
          fields.add(value(field.toString()));
          field.setLength(0);
          quoted = false;
          if (c == ',') {
            c = read();
            continue;
          }
          if (c == '\r') {
            int next = read();
            if (next != '\n') {
              pending = next;
            }
          }
          if (c != -1) {
            line++;
          }
          return fields;
        }
        if (c == '"') {
          throw new IllegalArgumentException(
              "CSV line " + line + ": a quote inside an unquoted field");
        }
        field.append((char) c);
        c = read();
      }
    }

    private void readQuoted(StringBuilder field) throws IOException {
      int start = line;
      while (true) {
        int c = read();
        if (c == -1) {
          throw new IllegalArgumentException("CSV line " + start + ": unterminated quote");
        }
        if (c == '"') {
          int next = read();
          if (next == '"') {
            field.append('"');
            continue;
          }
          pending = next;
          return;
        }
        if (c == '\n') {
          line++;
        }
        field.append((char) c);
      }
    }

    private static String value(String text) {
      return RowEncoder.MISSING_TOKENS.contains(text.trim()) ? null : text;
    }
  }
}
