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
    Path path;
    try {
      path = Path.of(relative);
    } catch (InvalidPathException e) {
      throw outside(relative);
    }
    if (path.isAbsolute()) {
      throw outside(relative);
    }
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      throw outside(relative);
    }
    if (!Files.isRegularFile(resolved)) {
      throw ApiException.badRequest(
              "csv file '" + relative + "' does not exist in the data directory")
          .with("field", "source.csv");
    }
    try {
      // A symbolic link inside the directory may still point out of it.
      if (!resolved.toRealPath().startsWith(root)) {
        throw outside(relative);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("csv file '" + relative + "' cannot be read")
          .with("field", "source.csv");
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

  private static ApiException outside(String relative) {
    return ApiException.badRequest(
            "csv path '" + relative + "' is outside the data directory; name a file inside it")
        .with("field", "source.csv");
  }
}
