package dev.scopeml.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scorers' operator addresses as a Prometheus file-based service discovery file ({@code
 * file_sd_configs}), rewritten with the tier state: a scrape job that reads it follows scale and
 * rollout by itself, scraping each scorer's metrics on its operator port, never through nginx.
 */
public final class ScrapeTargets {

  /** The file's name, beside the tier state. */
  public static final String FILE = "scrape-targets.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ScrapeTargets() {}

  /** The targets file beside {@code stateFile}. */
  public static Path beside(Path stateFile) {
    return stateFile.resolveSibling(FILE);
  }

  /** Replaces {@code file} with one target group per backend of {@code state}. */
  static void write(Path file, TierState state) {
    List<Map<String, Object>> groups =
        state.backends().stream()
            .map(
                backend -> {
                  var labels = new LinkedHashMap<String, String>();
                  labels.put("job", "scopeml-scorer");
                  labels.put("scorer", backend.id());
                  labels.put("release", backend.version());
                  labels.put("slot", Integer.toString(backend.slot()));
                  return Map.<String, Object>of(
                      "targets", List.of(backend.operatorAddress()), "labels", labels);
                })
            .toList();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(groups));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
