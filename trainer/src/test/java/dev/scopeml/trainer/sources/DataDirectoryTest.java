package dev.scopeml.trainer.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.config.SecretDigest;
import dev.scopeml.trainer.config.TrainerProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataDirectoryTest {

  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../secret.csv",
        "/etc/passwd",
        "a/../../secret.csv",
        "./../secret.csv",
        "link.csv"
      })
  void refusesEveryPathThatLeavesTheDirectory(String path) throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("secret.csv"), "a,b\n1,2\n");
    Files.createSymbolicLink(data.resolve("link.csv"), root.resolve("secret.csv"));

    assertThatThrownBy(() -> directory(data).resolve(path))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("outside the data directory");
  }

  @Test
  void resolvesFilesInsideIncludingSubdirectories() throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Files.createDirectories(data.resolve("sub"));
    Files.writeString(data.resolve("sub/x.csv"), "a\n1\n");

    assertThat(directory(data).resolve("sub/../sub/x.csv"))
        .isEqualTo(data.toRealPath().resolve("sub/x.csv"));
    assertThatThrownBy(() -> directory(data).resolve("sub")).hasMessageContaining("does not exist");
  }

  private static DataDirectory directory(Path data) {
    return new DataDirectory(
        new TrainerProperties(
            new TrainerProperties.Db(null, null, null, null, 1),
            SecretDigest.of("token"),
            null,
            data,
            new TrainerProperties.Trainer(
                1,
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(100),
                1,
                1,
                0),
            new TrainerProperties.Upload(org.springframework.util.unit.DataSize.ofKilobytes(1)),
            Map.of()));
  }
}
