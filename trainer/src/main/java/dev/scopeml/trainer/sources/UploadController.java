package dev.scopeml.trainer.sources;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/uploads}: stores a CSV body in the data directory under its SHA-256, so a run can
 * name it as {@code {"csv": "uploads/<sha256>.csv"}}. The file is checked as CSV (header and at
 * least one row) before it is kept; a refused upload leaves nothing behind.
 */
@RestController
class UploadController {

  private final DataDirectory dataDirectory;
  private final long maxBytes;

  UploadController(DataDirectory dataDirectory, TrainerProperties properties) {
    this.dataDirectory = dataDirectory;
    this.maxBytes = properties.upload().maxSize().toBytes();
  }

  @PostMapping("/v1/uploads")
  @ResponseStatus(HttpStatus.CREATED)
  Uploaded upload(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBytes) {
      throw tooLarge();
    }
    Path uploads = dataDirectory.uploads();
    Path partial = Files.createTempFile(uploads, ".upload-", ".partial");
    try {
      MessageDigest sha256 = sha256();
      long size;
      try (InputStream in = request.getInputStream();
          OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
        size = copyAtMost(in, out, maxBytes);
      }
      if (size == 0) {
        throw ApiException.badRequest("the uploaded file is empty").with("field", "body");
      }
      DataTable table;
      try {
        table = CsvReader.read(partial);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("the uploaded file is not valid CSV: " + e.getMessage())
            .with("field", "body");
      } catch (UncheckedIOException e) {
        throw ApiException.badRequest("the uploaded file is not UTF-8 text").with("field", "body");
      }
      if (table.size() == 0) {
        throw ApiException.badRequest("the uploaded CSV has a header but no data rows")
            .with("field", "body");
      }
      String digest = HexFormat.of().formatHex(sha256.digest());
      String name = DataDirectory.UPLOADS + "/" + digest + ".csv";
      Files.move(
          partial,
          uploads.resolve(digest + ".csv"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return new Uploaded(name, table.columnNames(), table.size(), size, digest);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > limit) {
        throw tooLarge(limit);
      }
      out.write(buffer, 0, read);
    }
    return total;
  }

  private ApiException tooLarge() {
    return tooLarge(maxBytes);
  }

  private static ApiException tooLarge(long limit) {
    return ApiException.tooLarge("the upload is larger than the limit of " + limit + " bytes")
        .with("limit", limit);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * An accepted upload.
   *
   * @param csv the path a run names in {@code source.csv}
   * @param columns the header
   * @param rows data rows
   * @param bytes file size
   * @param sha256 the file's digest, also its name
   */
  record Uploaded(
      String csv, java.util.List<String> columns, int rows, long bytes, String sha256) {}
}
