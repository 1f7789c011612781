package dev.scopeml.cli.stream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a CSV file as stream requests: {@code {"model": …, "instances": [row, …]}}, each row
 * an object of column to its text, as the file has it. The scorers read numbers from numeric text,
 * take an empty value as missing, and answer each row by its own scope columns; columns the model
 * does not use (the label, identifiers) are ignored.
 */
final class CsvRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CsvRequests() {}

  /**
   * @param rowsPerRequest consecutive rows put in one request (the last may have fewer)
   * @return the request values, in the file's order
   */
  static List<byte[]> read(Path csv, String model, int rowsPerRequest) {
    var requests = new ArrayList<byte[]>();
    var rows = new ArrayList<Map<String, String>>(rowsPerRequest);
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().skipEmptyLines(true).ofNamedCsvRecord(csv)) {
      for (NamedCsvRecord record : reader) {
        rows.add(record.getFieldsAsMap());
        if (rows.size() == rowsPerRequest) {
          requests.add(request(model, rows));
          rows.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    if (!rows.isEmpty()) {
      requests.add(request(model, rows));
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException(csv + " has no rows below its header");
    }
    return requests;
  }

  private static byte[] request(String model, List<Map<String, String>> rows) {
    var request = new LinkedHashMap<String, Object>();
    request.put("model", model);
    request.put("instances", rows);
    return JSON.writeValueAsBytes(request);
  }
}
