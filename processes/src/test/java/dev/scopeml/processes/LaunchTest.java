package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {

  @TempDir Path folder;

  @Test
  void theProcessSeesItsEnvironmentAndDirectoryAndWritesToItsLog() throws Exception {
    Path log = folder.resolve("logs/run.log");
    Process process =
        Launch.of(List.of("sh", "-c", "echo \"$GREETING from $(pwd) ${HOME:-no home}\""))
            .environment(Map.of("GREETING", "hello"))
            .without(Set.of("HOME"))
            .output(log)
            .in(folder)
            .start();

    assertThat(process.waitFor()).isZero();
    assertThat(Files.readString(log).strip()).isEqualTo("hello from " + folder + " no home");
  }

  @Test
  void appendingKeepsEarlierOutputAndReplacingDoesNot() throws Exception {
    Path log = folder.resolve("run.log");
    Launch.of(List.of("echo", "first")).output(log).start().waitFor();
    Launch.of(List.of("echo", "second")).appendOutput(log).start().waitFor();
    assertThat(Files.readAllLines(log)).containsExactly("first", "second");

    Launch.of(List.of("echo", "third")).output(log).start().waitFor();
    assertThat(Files.readAllLines(log)).containsExactly("third");
  }

  @Test
  void aProcessInItsOwnSessionLeadsIt() throws Exception {
    Path log = folder.resolve("session.log");
    // ps reports the session id; a process that leads its session has its own pid as the id.
    Process process =
        Launch.of(List.of("sh", "-c", "echo $$ $(ps -o sid= -p $$)"))
            .ownSession()
            .output(log)
            .start();
    process.waitFor();

    String[] pidAndSession = Files.readString(log).strip().split("\\s+");
    assertThat(pidAndSession[1]).isEqualTo(pidAndSession[0]);
  }

  @Test
  void aCommandThatDoesNotExistSaysWhich() {
    assertThatThrownBy(() -> Launch.of(List.of(folder.resolve("nothing").toString())).start())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot start " + folder.resolve("nothing"));
  }

  @Test
  void theLogFolderIsCreated() throws IOException, InterruptedException {
    Path log = folder.resolve("a/b/c.log");
    Launch.of(List.of("true")).output(log).start().waitFor();
    assertThat(log).exists();
  }
}
