package dev.scopeml.trainer.sources;

import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.TrainerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The one directory CSV files are read from and uploads are written to. Every path a request names
 * is resolved inside it; anything that would leave it (absolute paths, {@code ..}, symbolic links
 * pointing out) is refused.
 */
@Component
public class DataDirectory {

  static final String UPLOADS = "uploads";

  private final Path root;

  DataDirectory(TrainerProperties properties) {
    try {
      Files.createDirectories(properties.dataDir());
      this.root = properties.dataDir().toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open data directory " + properties.dataDir(), e);
    }
  }

  /** The real path of the directory. */
  public Path root() {
    return root;
  }

  /**
   * The file a request names, inside the data directory.
   *
   * @throws ApiException 400 if the path leaves the directory or names no regular file
   */
  public Path resolve(String relative) {
    if (relative == null || relative.isBlank()) {
      throw ApiException.badRequest("source.csv must name a file in the data directory")
          .with("field", "source.csv");
    }
    Path resolved = inside(relative, "source.csv");
    if (!Files.isRegularFile(resolved)) {
      throw ApiException.badRequest(
              "csv file '" + relative + "' does not exist in the data directory")
          .with("field", "source.csv");
    }
    return resolved;
  }

  /**
   * The path a request names, inside the data directory, whether or not it exists yet; an existing
   * path is also checked through symbolic links.
   *
   * @param field the request field, for the error
   * @throws ApiException 400 if the path is blank or leaves the directory
   */
  public Path inside(String relative, String field) {
    if (relative == null || relative.isBlank()) {
      throw ApiException.badRequest(field + " must name a path in the data directory")
          .with("field", field);
    }
    Path path;
    try {
      path = Path.of(relative);
    } catch (InvalidPathException e) {
      throw outside(relative, field);
    }
    Path resolved = root.resolve(path).normalize();
    if (path.isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)) {
      throw outside(relative, field);
    }
    try {
      // A symbolic link inside the directory may still point out of it.
      if (Files.exists(resolved) && !resolved.toRealPath().startsWith(root)) {
        throw outside(relative, field);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("'" + relative + "' cannot be read").with("field", field);
    }
    return resolved;
  }

  /** Where uploads are stored, created on first use. */
  Path uploads() {
    try {
      return Files.createDirectories(root.resolve(UPLOADS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root.resolve(UPLOADS), e);
    }
  }

  private static ApiException outside(String relative, String field) {
    return ApiException.badRequest(
            "path '" + relative + "' is outside the data directory; name a path inside it")
        .with("field", field);
  }
}
