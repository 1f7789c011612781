package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonStateFileTest {

  record Saved(String status, List<Integer> ports) {}

  @TempDir Path folder;

  @Test
  void aSavedStateLoadsBackAndLeavesNoTemporaryFile() throws IOException {
    var file = new JsonStateFile<>(folder.resolve("deep/state.json"), Saved.class);

    file.save(new Saved("up", List.of(8080, 8081)));

    assertThat(file.load()).contains(new Saved("up", List.of(8080, 8081)));
    try (var names = Files.list(folder.resolve("deep"))) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void noFileIsNoStateAndDeleteForgetsIt() {
    var file = new JsonStateFile<>(folder.resolve("state.json"), Saved.class);
    assertThat(file.load()).isEmpty();

    file.save(new Saved("up", List.of()));
    file.delete();

    assertThat(file.load()).isEmpty();
  }

  @Test
  void aFileThatIsNotAStateIsReportedNotGuessedAt() throws IOException {
    Path path = folder.resolve("state.json");
    Files.writeString(path, "{ half a file");

    assertThatThrownBy(() -> new JsonStateFile<>(path, Saved.class).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining(path.toString());
  }
}
